#!/usr/bin/env sh
# Ask a running chiso gateway (README: first command) for the on-time rate of Quảng Nam, 2021, for
# Quảng Nam's PCI 2017–2022 and for the number of new enterprises in the whole country in 2019.
# Usage: sh examples/graphql/curl.sh [http://localhost:4000/graphql]
URL="${1:-http://localhost:4000/graphql}"
curl -sS "$URL" \
  -H 'content-type: application/json' \
  -d '{"query":"{ indicator(slug: \"dossiers_on_time_rate\") { name(lang: EN) series(region: \"49\", from: \"2020-12-15\", to: \"2021-09-15\") { value periodStart periodEnd source { publisher title } } } }"}'
echo
# 65.4108, 65.8512, 69.4209, 65.72, 66.24, 66.62 points
curl -sS "$URL" \
  -H 'content-type: application/json' \
  -d '{"query":"{ indicator(slug: \"pci_score\") { name(lang: EN) series(region: \"49\", from: \"2017-01-01\", to: \"2022-12-31\") { value period { code } change { absolute } } } }"}'
echo
# 138139, the sum of the 63 provinces
curl -sS "$URL" \
  -H 'content-type: application/json' \
  -d '{"query":"{ aggregate(indicator: \"enterprises_new\", period: \"2019\", level: PROVINCE) { value complete rule } }"}'
echo
