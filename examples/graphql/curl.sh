#!/usr/bin/env sh
# Ask a running chiso gateway (README: first command) for the on-time rate of Quảng Nam, 2021.
# Usage: sh examples/graphql/curl.sh [http://localhost:4000/graphql]
URL="${1:-http://localhost:4000/graphql}"
curl -sS "$URL" \
  -H 'content-type: application/json' \
  -d '{"query":"{ indicator(slug: \"dossiers_on_time_rate\") { name(lang: EN) series(region: \"49\", from: \"2020-12-15\", to: \"2021-09-15\") { value periodStart periodEnd source { publisher title } } } }"}'
echo
