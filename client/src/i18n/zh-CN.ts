// Chinese (zh-CN) message catalogue: the default language and the shape every other catalogue follows.
export const zhCN = {
  app: {
    name: '工业用地一张图',
    nameAlt: 'Land Atlas',
    documentTitle: '工业用地一张图 · Land Atlas',
    sampleBadge: '示例数据',
    sampleBadgeHint: '当前显示的是自动生成的示例数据，并非真实的地块信息。',
    loading: '正在加载…',
    retry: '重试',
    errorMeta: '无法连接到服务器，请检查网络后点击“重试”或刷新页面。',
    errorPlots: '部分地块未能加载，请点击“重试”。',
    errorGeneric: '加载失败：{{message}}',
  },
  language: {
    label: '语言',
    zh: '中文',
    en: 'EN',
    switchTo: '切换语言',
  },
  panel: {
    title: '图层与图例',
    show: '展开图层与图例',
    hide: '收起图层与图例',
    layers: '图层',
    legend: '地块状态',
    total: '合计',
    plotCount: '{{value}} 块',
  },
  layer: {
    districts: '区县边界',
    zones: '开发园区',
    plots: '地块',
  },
  status: {
    in_use: '在用',
    low_efficiency: '低效',
    idle: '闲置',
    revitalizing: '盘活中',
    available: '可供',
    reserved: '已预留',
    supplied: '已供应',
    occupied: '已使用',
  },
  zoneLevel: {
    national: '国家级',
    provincial: '省级',
    other: '其他',
  },
  inefficiencyType: {
    idle: '闲置土地',
    low_output: '产出低效',
    low_intensity: '投资强度不足',
    halted: '停产/半停产',
    industry_mismatch: '产业不符',
    noncompliant: '不符合规划或安全环保要求',
    grade_d: '连续评为D类',
  },
  plot: {
    title: '地块 {{code}}',
    close: '关闭',
    code: '地块编号',
    zone: '所属园区',
    district: '所在区县',
    area: '面积',
    landUse: '用地类型',
    status: '状态',
    enterprise: '使用企业',
    grade: '亩均评价等级',
    inefficiencyType: '低效类型',
    noZone: '园区外',
    sample: '示例数据',
    loadingDetail: '正在加载详情…',
  },
  unit: {
    mu: '{{value}} 亩',
    ha: '{{value}} 公顷',
  },
  search: {
    label: '搜索地块、企业、园区或区县',
    placeholder: '搜索地块编号、园区、区县…',
    noResults: '没有找到匹配项',
    kind: { plot: '地块', zone: '园区', district: '区县', enterprise: '企业' },
  },
  map: {
    ariaLabel: '工业用地地图',
    basemapAttribution: '底图',
  },
} as const;

type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

/** Every catalogue has exactly the keys of the zh-CN one, with string leaves. */
export type Messages = Catalogue<typeof zhCN>;
