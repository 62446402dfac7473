# free and uptime by format only: header names, row labels, numeric columns, "load average" wording
free | awk 'NR == 1 {print}' | tr -s ' ' | sed 's/^ //'
free | awk 'NR > 1 {print $1}'
free | awk 'NR == 2 {ok = 1; for (i = 2; i <= NF; i++) if ($i !~ /^[0-9]+$/) ok = 0; print NF, ok ? "numeric" : "bad"}'
free -m | awk 'NR == 2 {print $1, ($2 > 50 && $2 < 128) ? "total in range" : "total " $2}'
free | awk 'NR == 2 {print ($2 >= $3 && $2 >= $4) ? "total >= used, free" : "inconsistent"}'
uptime | grep -o 'load average: [0-9.]*, [0-9.]*, [0-9.]*' | sed 's/[0-9][0-9.]*/N/g'
uptime | grep -q ' up ' && echo "has up"
uptime | awk '{print ($1 ~ /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]$/) ? "clock format" : $1}'
