import type { ValueFormat } from '../src/types.ts';

/** The value formats of the source report's indicators, shared by the chart function tests. */
export const vndBillions: ValueFormat = { unit: { code: 'VND', symbol: 'VND', nameVi: 'đồng', nameEn: 'VND' }, scaleExponent: 9, decimals: 0 };
export const usdMillions: ValueFormat = { unit: { code: 'USD', symbol: 'USD', nameVi: 'USD', nameEn: 'USD' }, scaleExponent: 6, decimals: 1 };
export const dossiers: ValueFormat = { unit: { code: 'dossier', symbol: null, nameVi: 'hồ sơ', nameEn: 'dossiers' }, scaleExponent: 0, decimals: 0 };
export const percent: ValueFormat = { unit: { code: 'percent', symbol: '%', nameVi: 'phần trăm', nameEn: 'percent' }, scaleExponent: 0, decimals: 1 };
