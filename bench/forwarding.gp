# SPDX-License-Identifier: GPL-2.0
#
# The forwarding table of 'make bench' as a bar chart:
#   gnuplot -e "dat='bench/results/forwarding.dat'; out='bench/results/forwarding.png'; \
#               title='...'" bench/forwarding.gp
# forwarding.dat (bench/report.py): one line per configuration, the median,
# lowest and highest rate of its runs in kframes/s for 64-byte, then
# 1500-byte frames.

if (!exists("dat")) dat = 'bench/results/forwarding.dat'
if (!exists("out")) out = 'bench/results/forwarding.png'
if (!exists("title")) title = 'veth -> switch -> veth forwarding rate'

set terminal pngcairo size 1000,560 font 'sans,10'
set output out
set title title
set ylabel 'kframes/s (median; bars: lowest and highest run)'
set yrange [0:*]
set grid ytics
set key top right
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics nomirror noenhanced
set xtics rotate by -20
set format y '%.0f'
plot dat using 2:3:4:xtic(1) title '64-byte frames' lc rgb '#3b6ea5', \
     ''  using 5:6:7 title '1500-byte frames' lc rgb '#e3a33b'
