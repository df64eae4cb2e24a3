import type { Lang } from '@chiso/charts/types';

/** Every text an element shows, in Vietnamese and English. */
export const messages = {
  vi: {
    loading: 'Đang tải số liệu…',
    empty: 'Chưa có số liệu cho lựa chọn này.',
    error: 'Không tải được số liệu',
    timeout: 'máy chủ không trả lời kịp',
    network: 'không kết nối được máy chủ',
    http: 'máy chủ báo lỗi',
    graphql: 'yêu cầu không hợp lệ',
    unavailable: 'máy chủ tạm thời chưa phục vụ được, hãy thử lại sau ít phút',
    busy: 'có quá nhiều yêu cầu, hãy thử lại sau giây lát',
    rejected: 'Máy chủ không nhận yêu cầu',
    unknownIndicator: 'Máy chủ không có chỉ số “{}”: hãy kiểm tra thuộc tính indicator',
    retry: 'Thử lại',
    refreshing: 'Đang cập nhật…',
    showTable: 'Xem bảng số liệu',
    hideTable: 'Ẩn bảng số liệu',
    invalid: 'Cấu hình không hợp lệ',
    region: 'Địa phương',
  },
  en: {
    loading: 'Loading data…',
    empty: 'No data for this selection yet.',
    error: 'Could not load the data',
    timeout: 'the server did not answer in time',
    network: 'the server could not be reached',
    http: 'the server reported an error',
    graphql: 'the request was not valid',
    unavailable: 'the server is temporarily unavailable; try again in a few minutes',
    busy: 'too many requests; try again in a moment',
    rejected: 'The server refused the request',
    unknownIndicator: 'The server has no indicator “{}”: check the indicator attribute',
    retry: 'Retry',
    refreshing: 'Refreshing…',
    showTable: 'Show data table',
    hideTable: 'Hide data table',
    invalid: 'Invalid configuration',
    region: 'Region',
  },
} satisfies Record<Lang, Record<string, string>>;

export type Messages = (typeof messages)['vi'];
