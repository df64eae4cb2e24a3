import type { WidgetData } from '@chiso/charts/widget-data';

const month = (m: number) => {
  const mm = String(m).padStart(2, '0');
  const last = new Date(Date.UTC(2021, m, 0)).getUTCDate();
  return { code: `2021-${mm}`, start: `2021-${mm}-01`, end: `2021-${mm}-${last}`, label: `Tháng ${m}/2021` };
};

/** Two series of six months, one gap: fixed data for drawings and keyboard tests. */
export const twoSeries: WidgetData = {
  indicator: {
    slug: 'dossiers_received',
    name: 'Hồ sơ tiếp nhận',
    displayUnit: 'hồ sơ',
    direction: 'NEUTRAL',
    format: { unit: { code: 'dossier', symbol: null, nameVi: 'hồ sơ', nameEn: 'dossiers' }, scaleExponent: 0, decimals: 0 },
  },
  series: [
    { key: '49', name: 'Quảng Nam', points: [5200, 3900, 6100, 6400, null, 7000].map((value, i) => ({ period: month(i + 1), value })) },
    { key: '48', name: 'Đà Nẵng', points: [4100, 4300, 4800, 5100, 5600, 5900].map((value, i) => ({ period: month(i + 1), value })) },
  ],
  sources: [{ publisher: 'Dữ liệu mẫu', title: 'Không phải số liệu thật', url: null, publishedAt: '2021-07-05' }],
  change: null,
};

export const inline = (data: WidgetData) => `<script type="application/json">${JSON.stringify(data)}</script>`;
