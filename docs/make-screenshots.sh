#!/usr/bin/env bash
# Regenerates the report screenshots of the README (docs/report-*.png): runs the catalogue tour,
# which writes one HTML report per use case, then renders one report per command with headless
# Chromium (Debian package chromium) at half scale.
# Usage, from the project root after `mvn -B -ntp package -DskipTests`:  bash docs/make-screenshots.sh [fr|en]
set -euo pipefail
cd "$(dirname "$0")/.."
lang="${1:-fr}"
jar=examples/target/territoires-ia.jar
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -f "$jar" ] || { echo "missing $jar: run mvn -B -ntp package -DskipTests first" >&2; exit 2; }
[ -n "$browser" ] || { echo "no Chromium found (Debian package chromium)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -jar "$jar" tour --cards "$work" --lang "$lang" > "$work/tour.txt"
# One report per command: check-series, detect, forecast-events, forecast, classify-shapes.
for pair in check-series:meter-data-quality-report detect:water-meter-leak-report \
    forecast-events:flood-alert-report forecast:flood-alert-levels-report \
    classify-shapes:building-classification-report; do
  command="${pair%%:*}"
  report="${pair#*:}"
  # The top of the page at half scale: small files that still show the charts.
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,1300 \
      --force-device-scale-factor=0.5 --screenshot="$PWD/docs/report-$command.png" \
      "file://$work/$report.html" >/dev/null 2>&1
  echo "docs/report-$command.png"
done
