#!/usr/bin/env node
// Asks a running chiso gateway for the catalogue of one indicator category and for the ranking of
// provinces by new enterprises in the first 9 months of 2021, and prints both as tables.
// Node 20 or later, no dependencies (global fetch).
//
// Usage: node examples/graphql/query.mjs [http://localhost:4000/graphql] [CATEGORY]
//   CATEGORY: ADMIN_REFORM_PUBLIC_SERVICES, DIGITAL_GOVERNMENT, INVESTMENT, ENTERPRISE (default), GOVERNANCE_INDEX

const url = process.argv[2] ?? 'http://localhost:4000/graphql';
const category = (process.argv[3] ?? 'ENTERPRISE').toUpperCase();

const QUERY = `query Example($category: IndicatorCategory!) {
  indicators(category: $category, first: 100) {
    totalCount
    edges { node { slug name nameEn: name(lang: EN) displayUnit aggregation direction } }
  }
  indicator(slug: "enterprises_new") { name displayUnit scaleExponent decimals }
  ranking(indicator: "enterprises_new", period: "2021-YTD-09") {
    at
    period { code label }
    entries { rank value region { code name } observation { source { publisher publishedAt } } }
  }
}`;

async function ask(query, variables) {
  let response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    fail(`cannot reach ${url} (${error.cause?.code ?? error.message}). Start the gateway first: npx -y pnpm@12.4.2 start`);
  }
  const body = await response.json().catch(() => null);
  // GraphQL errors carry the gateway's own explanation ("write a year (2021), …"): show it as is.
  if (body?.errors?.length) fail(body.errors.map((e) => e.message).join('\n'));
  if (!response.ok || !body?.data) fail(`${url} answered HTTP ${response.status}`);
  return body.data;
}

function fail(message) {
  console.error(`query.mjs: ${message}`);
  process.exit(1);
}

/** A plain text table; numbers (right-aligned columns) line up on their last digit. */
function table(headers, rows, rightAligned = []) {
  const cells = [headers, ...rows].map((row) => row.map((cell) => String(cell ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...row[i]].length)));
  const line = (row) =>
    row
      .map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

const data = await ask(QUERY, { category });

const indicators = data.indicators.edges.map((e) => e.node);
console.log(`\nIndicators in ${category} (${data.indicators.totalCount})\n`);
console.log(
  indicators.length
    ? table(
        ['slug', 'tên (vi)', 'name (en)', 'unit', 'rule', 'direction'],
        indicators.map((i) => [i.slug, i.name, i.nameEn, i.displayUnit, i.aggregation, i.direction]),
      )
    : '(none)',
);

const { indicator, ranking } = data;
if (!indicator || !ranking) fail('the gateway does not know the indicator enterprises_new');

// Values come in base units; the indicator says how to show them ("tỷ đồng" is 10^9 đồng).
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: indicator.decimals });
const show = (value) => (value === null ? '' : number.format(value / 10 ** indicator.scaleExponent));

const ranked = ranking.entries.filter((e) => e.value !== null);
const missing = ranking.entries.length - ranked.length;
console.log(`\n${indicator.name}, ${ranking.period.label} (${ranking.period.code}), provinces on ${ranking.at}\n`);
console.log(
  ranked.length
    ? table(
        ['rank', 'code', 'tỉnh/thành', `value (${indicator.displayUnit})`, 'source'],
        ranked.map((e) => [e.rank, e.region.code, e.region.name, show(e.value), e.observation ? `${e.observation.source.publisher}, ${e.observation.source.publishedAt ?? ''}` : '']),
        [0, 3],
      )
    : '(no province has a value for this period)',
);
if (missing) console.log(`\n${missing} of ${ranking.entries.length} provinces have no value for ${ranking.period.code} (listed last, unranked).`);
console.log();
