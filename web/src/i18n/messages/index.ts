import type { Locale } from '../locales';
import { en } from './en';
import { zhCN, type Messages } from './zhCN';

export type { MessageKey, Messages } from './zhCN';

export const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
