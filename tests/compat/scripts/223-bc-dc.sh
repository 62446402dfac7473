# bc and dc arithmetic: precedence, scale, powers, big numbers, bases, functions
echo '2+3*4' | bc
echo '(2+3)*4' | bc
echo '10/3' | bc
echo 'scale=5; 10/3' | bc
echo '2^64' | bc
echo '2^100' | bc
echo '-7 % 3' | bc
echo 'obase=16; 255' | bc
echo 'ibase=2; 1010' | bc
echo 'sqrt(2)' | bc
echo 'scale=10; sqrt(2)' | bc
echo 'define f(n) { if (n < 2) return 1; return n * f(n-1); }; f(20)' | bc
echo 'x=5; x+=2; x' | bc
echo 'for (i=0; i<3; i++) i' | bc
echo '3 4 + p' | dc
echo '2 10 ^ p' | dc
echo '10 3 / p' | dc
echo '5 k 10 3 / p' | dc
echo '1 2 3 f' | dc
echo '16 o 255 p' | dc
echo '12 5 % p 12 5 ~ f' | dc
echo '1 0 / p' | dc; echo "status $?"
