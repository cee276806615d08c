# Sourced by ./quarry (the source tree) and by bin/quarry of the distribution (app/src/dist):
# runs Quarry's CLI with the JVM flags it needs (Lucene's SIMD path, native access for ONNX Runtime
# and RocksDB, DJL offline). Extra JVM options: QUARRY_JAVA_OPTS="-Xmx8g".
#   quarry_run_java ROOT CLASSPATH ARGS...   (JAVA_HOME set by quarry_find_jdk; returns Java's status)
# ROOT is where data/sample/ lies (for `quarry demo`). Java takes its home folder from the password
# database, not $HOME; passing $HOME on makes `HOME=DIR quarry` use DIR/.quarry, as users expect.

# The JVM announces the incubator module on stderr at every start, with no switch to silence it.
# Drop exactly that first line and pass the rest through unbuffered (cat, not a line filter, so
# the progress bar's carriage returns still show). The filter ignores Ctrl-C, which is Java's to
# handle (it is in the launcher's process group, so Ctrl-C on a terminal reaches it; a script that
# signals a launcher must signal its group). Java is not exec'd: the pipeline ends only when the
# filter has passed on the last lines, so a caller reading stderr afterwards gets all of it.
quarry_drop_incubator_notice() {
  trap '' INT TERM
  local first
  if IFS= read -r first; then
    [ "$first" = "WARNING: Using incubator modules: jdk.incubator.vector" ] || printf '%s\n' "$first"
    exec cat
  fi
}

quarry_run_java() {
  local root="$1" classpath="$2" status=0
  shift 2
  exec 3>&1
  # shellcheck disable=SC2086  # QUARRY_JAVA_OPTS is a list of options
  { "$JAVA_HOME/bin/java" \
    --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
    -Dquarry.root="$root" ${HOME:+"-Duser.home=$HOME"} ${QUARRY_JAVA_OPTS:-} \
    -cp "$classpath" dev.quarry.engine.cli.QuarryCli "$@" 2>&1 1>&3 3>&-; } \
    | quarry_drop_incubator_notice >&2 || status=$? # pipefail: Java's status
  exec 3>&-
  return "$status"
}
