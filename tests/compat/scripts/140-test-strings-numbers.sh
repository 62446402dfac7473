# test and [: string and integer operators, -a -o ! and parentheses, argument-count rules, errors and their statuses
t() { if "$@"; then echo "T: $*"; else echo "F($?): $*"; fi; }
t [ abc = abc ]; t [ abc = abd ]; t [ abc != abd ]; t [ -z "" ]; t [ -n "" ]; t [ -z x ]; t [ -n x ]
t [ x ]; t [ "" ]; t [ ]; t [ -n ]; t [ -z ]; t [ ! ]; t [ ! "" ]; t [ = ]; t [ = = = ]
t [ 3 -eq 3 ]; t [ 3 -ne 3 ]; t [ 2 -lt 10 ]; t [ 10 -le 10 ]; t [ -5 -gt -6 ]; t [ 0 -ge 1 ]
t [ 007 -eq 7 ]; t [ " 12 " -eq 12 ]; t [ 9223372036854775807 -gt 1 ]
t [ a \< b ]; t [ b \> a ]; t [ B \< a ]; t [ 10 \< 9 ]
t [ 1 -eq 1 -a 2 -eq 2 ]; t [ 1 -eq 2 -o 2 -eq 2 ]; t [ ! 1 -eq 2 ]; t [ \( 1 -eq 1 \) -a ! \( a = b \) ]
t [ -n x -a -z "" -o x = y ]
t test 5 -gt 4; t test; t test -f; t /bin/test x = x; t /bin/[ 1 -lt 2 ]
t [ abc -eq 1 ]; t [ 1 -eq ]; t [ 1 = 1; t [ 1 -xx 1 ]; t [ 1 2 3 ]
t [ "-n" = "-n" ]; t [ "(" = "(" ]; t [ ! = ! ]
x=''; t [ "$x" = '' ]; t [ "x$x" = x ]
t [ -t 0 ]; t [ -t 1 ]; t [ -t 9 ]
