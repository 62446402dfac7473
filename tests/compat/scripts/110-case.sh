# case: globs, alternatives, character classes, quoted patterns, variables in patterns, empty and default arms
for w in apple banana cherry 42 '*' A-b '' x.c "two words" Zeta; do
  case $w in
    apple|banana) r=fruit ;;
    ch*) r=ch-prefix ;;
    [0-9][0-9]) r=two-digits ;;
    '*') r=literal-star ;;
    [A-Z]-?) r=class-dash ;;
    "") r=empty ;;
    *.c) r=c-file ;;
    *' '*) r=has-space ;;
    [!a-z]*) r=not-lower ;;
    *) r=default ;;
  esac
  echo "[$w] $r"
done
pat='b*'; case banana in $pat) echo var-pattern;; esac
case banana in "$pat") echo wrong;; *) echo quoted-var-literal;; esac
case x in x) ;; esac; echo "empty arm $?"
case y in x) echo no;; esac; echo "no match $?"
case a in (a) echo paren-pattern;; esac
case "a b" in a\ b) echo escaped-space;; esac
case ab in a) echo a;; ab) echo ab; (exit 6) ;; esac; echo "status $?"
case 5 in [3-7]) echo in-range;; esac
case '[' in \[) echo bracket;; esac
