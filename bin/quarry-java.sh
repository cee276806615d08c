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

quarry_java_flags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true)
quarry_aot_opts=()
quarry_aot_record=""
quarry_aot_cache=""

# Ahead-of-time cache (JDK 25+, JEP 483/514/515): classes already parsed, linked and profiled make
# a command's start-up cheaper (docs/decisions/0075). One cache per short command, since each
# loads its own classes: the first run of a command records what it loads, a background JVM then writes
# DIR/COMMAND.aot, and later runs map it. A cache older than the classpath file or any jar on it is
# stale and recorded again; the JVM checks the jars too and runs without a cache that does not
# match. QUARRY_AOT=0 turns it off.
#   quarry_aot_prepare DIR CLASSPATH_FILE CLASSPATH COMMAND   (sets quarry_aot_opts)
quarry_aot_prepare() {
  local dir="$1" classpath_file="$2" classpath="$3" command="${4:-}" fresh=1 jar jars
  quarry_aot_opts=()
  quarry_aot_record=""
  quarry_aot_cache="$dir/$command.aot"
  # Only commands whose start-up is most of their time: a recording run writes its configuration
  # at exit, even after a halt, which would slow a second Ctrl-C on `index` by seconds.
  case "$command" in
    search | get | stats | verify | models) ;;
    *) return 0 ;;
  esac
  if [ "${QUARRY_AOT:-1}" = 0 ] || [ "${QUARRY_JDK_MAJOR:-0}" -lt 25 ]; then
    return 0
  fi
  if [ ! -f "$quarry_aot_cache" ] || [ "$classpath_file" -nt "$quarry_aot_cache" ]; then
    fresh=0
  else
    IFS=: read -r -a jars <<<"$classpath"
    for jar in "${jars[@]}"; do
      if [ "$jar" -nt "$quarry_aot_cache" ]; then fresh=0; break; fi
    done
  fi
  if [ "$fresh" = 1 ]; then
    quarry_aot_opts=(-XX:AOTCache="$quarry_aot_cache" "-Xlog:aot*=off,cds*=off")
  elif mkdir -p "$dir" 2>/dev/null; then
    # The JVM announces the recording on stdout ("AOTConfiguration recorded: …"), which would
    # corrupt --json: VM output and all JVM logging off for this run.
    quarry_aot_record="$quarry_aot_cache.$$.conf"
    quarry_aot_opts=(-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -Xlog:disable -Xlog:all=off
      -XX:AOTMode=record -XX:AOTConfiguration="$quarry_aot_record")
  fi
}

# After a recording run that succeeded, writes the cache in the background (seconds of CPU), so the
# run does not wait; the temporary name and the rename keep a concurrent run from mapping a
# half-written cache.   quarry_aot_finish CLASSPATH STATUS
quarry_aot_finish() {
  local classpath="$1" status="$2"
  [ -n "$quarry_aot_record" ] || return 0
  if [ "$status" = 0 ] && [ -f "$quarry_aot_record" ]; then
    ( "$JAVA_HOME/bin/java" "${quarry_java_flags[@]}" -Xlog:disable -XX:AOTMode=create \
        -XX:AOTConfiguration="$quarry_aot_record" -XX:AOTCache="$quarry_aot_cache.$$.tmp" \
        -cp "$classpath" && mv -f "$quarry_aot_cache.$$.tmp" "$quarry_aot_cache"
      rm -f "$quarry_aot_record" "$quarry_aot_cache.$$.tmp" ) </dev/null >/dev/null 2>&1 &
  else
    rm -f "$quarry_aot_record"
  fi
}

# RocksDB asks at every start whether libc is musl by running `ldd /usr/bin/env | grep musl` in a
# shell (about 40 ms of a 1 s search), unless ROCKSDB_MUSL_LIBC says. getconf answers for glibc
# in a few milliseconds; elsewhere RocksDB keeps asking (decision 0159).
quarry_libc_hint() {
  if [ -z "${ROCKSDB_MUSL_LIBC:-}" ] && getconf GNU_LIBC_VERSION >/dev/null 2>&1; then
    export ROCKSDB_MUSL_LIBC=false
  fi
}

quarry_run_java() {
  local root="$1" classpath="$2" status=0
  shift 2
  quarry_libc_hint
  exec 3>&1
  # shellcheck disable=SC2086  # QUARRY_JAVA_OPTS is a list of options
  { "$JAVA_HOME/bin/java" "${quarry_java_flags[@]}" "${quarry_aot_opts[@]}" \
    -Dquarry.root="$root" ${HOME:+"-Duser.home=$HOME"} ${QUARRY_JAVA_OPTS:-} \
    -cp "$classpath" dev.quarry.engine.cli.QuarryCli "$@" 2>&1 1>&3 3>&-; } \
    | quarry_drop_incubator_notice >&2 || status=$? # pipefail: Java's status
  exec 3>&-
  return "$status"
}
