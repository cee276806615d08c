# Sourced by ./quarry, ./mvnw and .ci/run: points JAVA_HOME at a JDK 21 or later.
# Order: $JAVA_HOME, then `java` on PATH, then the usual install folders (newest wins).
# Lucene 10 needs Java 21+; many machines still default to 17, so we look before we fail.

quarry_jdk_major() { # $1 = a JDK home; prints its feature version, or nothing
  local home="$1" v=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  v=${v#1.}
  printf '%s\n' "${v%%[.+-]*}"
}

# Sets JAVA_HOME and QUARRY_JDK_MAJOR (its feature version), or prints why none fits and fails.
quarry_find_jdk() {
  quarry_find_jdk_home || return 1
  QUARRY_JDK_MAJOR=$(quarry_jdk_major "$JAVA_HOME")
  export QUARRY_JDK_MAJOR
}

quarry_find_jdk_home() {
  local min=21 major candidate best="" best_major=0 java_on_path
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(quarry_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then export JAVA_HOME; return 0; fi
  fi
  java_on_path=$(command -v java 2>/dev/null || true)
  if [ -n "$java_on_path" ]; then
    candidate=$(cd "$(dirname "$(readlink -f "$java_on_path")")/.." && pwd)
    major=$(quarry_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ]; then export JAVA_HOME="$candidate"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* "$HOME"/.local/share/jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(quarry_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -n "$best" ]; then export JAVA_HOME="$best"; return 0; fi
  {
    echo "error: Quarry needs a JDK 21 or later, and none was found."
    echo "  looked at: JAVA_HOME=${JAVA_HOME:-<unset>}, java on PATH=${java_on_path:-<none>}, /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks"
    echo "  fix: install one (Debian/Ubuntu: 'apt-get install openjdk-21-jdk'; any OS: Temurin 21 or 25 from adoptium.net),"
    echo "       then set JAVA_HOME to it, e.g. 'export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64'."
  } >&2
  return 1
}
