#!/usr/bin/env node
// Asks a running chiso gateway for the catalogue of one indicator category, the ranking of the 63
// provinces by their PCI 2021 score, new enterprises per 1,000 people in 2022 for the 34 provinces
// of today (each composed of the provinces it was formed from) and the national total of new
// enterprises in 2019, and prints them as tables.
// Node 20 or later, no dependencies (global fetch).
//
// Usage: node examples/graphql/query.mjs [http://localhost:4000/graphql] [CATEGORY]
//   CATEGORY: ADMIN_REFORM_PUBLIC_SERVICES, DIGITAL_GOVERNMENT, INVESTMENT, ENTERPRISE (default), GOVERNANCE_INDEX, POPULATION

const url = process.argv[2] ?? 'http://localhost:4000/graphql';
const category = (process.argv[3] ?? 'ENTERPRISE').toUpperCase();

const QUERY = `query Example($category: IndicatorCategory!) {
  indicators(category: $category, first: 100) {
    totalCount
    edges { node { slug name nameEn: name(lang: EN) displayUnit aggregation direction } }
  }
  pci: indicator(slug: "pci_score") { name displayUnit decimals }
  ranking(indicator: "pci_score", period: "2021") {
    at
    period { code label }
    entries { rank value region { code name } observation { source { publisher } } }
  }
  perPeople: indicator(slug: "new_enterprises_per_1000_people") { name displayUnit decimals }
  today: aggregate(indicator: "new_enterprises_per_1000_people", period: "2022", level: PROVINCE, at: "2025-07-01") {
    value numerator denominator complete
    units { value region { code name } composedOf { code name } }
  }
  national: aggregate(indicator: "enterprises_new", period: "2019", level: PROVINCE) {
    value complete period { label }
    units { region { code } }
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

const { pci, ranking, perPeople, today, national } = data;
if (!pci || !ranking) fail('the gateway does not know the indicator pci_score: it loads the 63-province figures on first start');

const number = (decimals) => new Intl.NumberFormat('vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
const score = number(pci.decimals);
const ranked = ranking.entries.filter((e) => e.value !== null);
const missing = ranking.entries.length - ranked.length;
console.log(`\n${pci.name}, ${ranking.period.label} (${ranking.period.code}), provinces on ${ranking.at}\n`);
console.log(
  ranked.length
    ? table(
        ['rank', 'code', 'tỉnh/thành', `value (${pci.displayUnit})`],
        ranked.map((e) => [e.rank, e.region.code, e.region.name, score.format(e.value)]),
        [0, 3],
      )
    : '(no province has a value for this period)',
);
const publishers = [...new Set(ranked.map((e) => e.observation?.source.publisher).filter(Boolean))];
if (publishers.length) console.log(`\nSource: ${publishers.join('; ')}`);
if (missing) console.log(`\n${missing} of ${ranking.entries.length} provinces have no value for ${ranking.period.code} (listed last, unranked).`);

if (perPeople && today) {
  // A RATIO is recomputed from the summed parts: a merged province is its predecessors taken together.
  const ratio = number(perPeople.decimals);
  console.log(`\n${perPeople.name}, năm 2022, the ${today.units.length} provinces of 1 July 2025\n`);
  console.log(
    table(
      ['code', 'tỉnh/thành', `value (${perPeople.displayUnit})`, 'composed of'],
      today.units.map((u) => [
        u.region.code,
        u.region.name,
        u.value === null ? '' : ratio.format(u.value),
        u.composedOf.map((c) => `${c.code} ${c.name}`).join(' + '),
      ]),
      [2],
    ),
  );
  const whole = new Intl.NumberFormat('vi-VN');
  console.log(
    `\nWhole country: ${ratio.format(today.value)} (${whole.format(today.numerator)} new enterprises for ${whole.format(today.denominator)} people)${today.complete ? '' : ', incomplete'}`,
  );
}
if (national) {
  console.log(
    `New enterprises in the whole country, ${national.period.label}: ${new Intl.NumberFormat('vi-VN').format(national.value)} (sum of ${national.units.length} provinces${national.complete ? '' : ', incomplete'})`,
  );
}
console.log();
