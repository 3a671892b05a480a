# Turns a Hunspell dictionary (.aff + .dic, "FLAG long", as Debian's hunspell-nl) into the .dict that PostgreSQL's
# Ispell template reads; the .aff is used as it is (the .affix). Run: awk -f this.awk nl.aff nl.dic > nl_nl.dict
#
# Two differences between Hunspell and PostgreSQL's reading of the same files:
# - an escaped slash inside a word ("km\/h") is not understood: such words (units, a handful) are left out;
# - a word may start or continue a compound through an affix ("overdracht" + linking s, SFX Ch 0 s/CaCb...):
#   Hunspell gives the affixed form the compound flags of the affix rule, PostgreSQL looks for them on the
#   dictionary word itself. So a word gets the compound-begin (Ca) and compound-middle (Cb) flags that any of
#   its affix rules passes on; "overdrachtsformulier" then splits into overdracht + formulier.
FNR == NR {
  if (($1 == "SFX" || $1 == "PFX") && NF >= 5 && index($4, "/") > 0) {
    cont = substr($4, index($4, "/") + 1)
    for (i = 1; i < length(cont); i += 2) {
      f = substr(cont, i, 2)
      if (f == "Ca" || f == "Cb") passes[$2] = passes[$2] f
    }
  }
  next
}
FNR == 1 { print; next }
/\\\// { next }
{
  slash = index($0, "/")
  if (slash == 0) { print; next }
  word = substr($0, 1, slash - 1)
  rest = substr($0, slash + 1)
  flags = rest; tail = ""
  if (match(rest, /[ \t]/)) { flags = substr(rest, 1, RSTART - 1); tail = substr(rest, RSTART) }
  add = ""
  for (i = 1; i < length(flags); i += 2) {
    f = substr(flags, i, 2)
    if (f in passes) add = add passes[f]
  }
  for (i = 1; i < length(add); i += 2) {
    f = substr(add, i, 2)
    if (!has(flags, f)) flags = flags f
  }
  print word "/" flags tail
}
function has(flags, f,   i) {
  for (i = 1; i < length(flags); i += 2) if (substr(flags, i, 2) == f) return 1
  return 0
}
