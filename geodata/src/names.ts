// Synthetic, clearly invented names for enterprises, investors and projects (no real companies or people).
import { PLACE_PREFIXES } from './huaian-facts.ts';
import type { Rng } from './prng.ts';

const CORES = [
  '恒信',
  '瑞达',
  '华宇',
  '锦程',
  '博远',
  '嘉禾',
  '鼎盛',
  '新源',
  '启航',
  '睿智',
  '盛泰',
  '弘毅',
  '宏图',
  '精工',
  '卓越',
  '汇通',
  '联创',
  '天成',
  '润丰',
  '永泰',
  '金桥',
  '海纳',
  '昊天',
  '东升',
  '长河',
  '清源',
  '星辰',
  '明德',
  '宇航',
  '华创',
  '信达',
  '凯旋',
  '佳禾',
  '众合',
  '立方',
  '银河',
  '北辰',
  '向阳',
  '同创',
] as const;

/** Business lines per "7+3" cluster, used as the middle of a company name. */
const LINES: Record<string, readonly string[]> = {
  新能源及装备: ['光伏材料', '储能设备', '风电装备', '新能源科技', '电力装备'],
  新能源汽车及零部件: ['汽车部件', '精密部件', '动力电池', '电机电控', '汽车电子'],
  纤维新材料: ['纤维材料', '复合材料', '碳纤维', '新材料科技'],
  化工新材料: ['化工材料', '精细化工', '高分子材料', '功能材料'],
  PCB及电子元器件: ['电路板', '电子元件', '微电子', '电子科技', '线路板'],
  绿色食品: ['食品', '粮油', '生态农业', '食品科技', '饮品'],
  生物技术和新医药: ['生物医药', '制药', '医疗器械', '生物科技'],
  集成电路: ['半导体', '集成电路', '芯片封测', '晶圆科技'],
  人工智能和机器人: ['智能装备', '机器人', '智能科技', '自动化设备'],
  新型数字产业: ['数字科技', '信息技术', '数据科技', '云计算'],
};

const NON_INDUSTRIAL_LINES: Record<string, readonly string[]> = {
  '0701': ['置业', '房地产开发'],
  '0901': ['商贸', '商业管理'],
  '1101': ['物流', '仓储服务', '供应链管理'],
  '1401': ['园林绿化', '市政养护'],
};

const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '科技有限公司'] as const;

function lineFor(rng: Rng, industry: string): string {
  return rng.pick(LINES[industry] ?? ['实业']);
}

/** e.g. "淮安示例精密部件有限公司" — the 示例 marker makes clear it is invented. */
export function enterpriseName(rng: Rng, industry: string, landUseCode: string): string {
  const nonIndustrial = NON_INDUSTRIAL_LINES[landUseCode];
  const line = nonIndustrial ? rng.pick(nonIndustrial) : lineFor(rng, industry);
  const suffix = rng.pick(SUFFIXES);
  return `${rng.pick(PLACE_PREFIXES)}示例${rng.pick(CORES)}${line}${suffix === '科技有限公司' && line.endsWith('科技') ? '有限公司' : suffix}`;
}

/** An investor group, e.g. "示例瑞达控股集团有限公司". */
export function investorName(rng: Rng): string {
  const kind = rng.pick(['控股集团有限公司', '投资有限公司', '实业集团有限公司', '产业投资基金（有限合伙）']);
  return `示例${rng.pick(CORES)}${rng.pick(CORES)}${kind}`;
}

/** A project name from its industry, e.g. "年产20万套汽车部件项目（示例）". */
export function projectName(rng: Rng, industry: string): string {
  const line = lineFor(rng, industry);
  const form = rng.pick([
    '年产{n}万套{l}项目',
    '{l}产业园项目',
    '高端{l}制造基地项目',
    '{l}研发及生产基地项目',
  ]);
  return `${form.replace('{n}', String(rng.int(2, 60) * 5)).replace('{l}', line)}（示例）`;
}
