import type { z } from 'zod';

/**
 * Plain Chinese for the schema violations people meet in forms: 「不能超过 200 个字」 rather than
 * zod's 「数值过大：期望 string <=200 字符」. A schema's own message still wins; what this does
 * not cover falls back to zod's Chinese locale.
 */
const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '一组字段',
  date: '日期',
};

type Issue = z.core.$ZodRawIssue;

export function plainChineseError(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return `不能超过 ${limit} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `最多 ${limit} 项`;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? `须小于 ${limit}` : `不能大于 ${limit}`;
      return undefined;
    }
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return limit <= 1 ? '不能为空' : `至少 ${limit} 个字`;
      if (issue.origin === 'array' || issue.origin === 'set') return `至少 ${limit} 项`;
      if (issue.origin === 'number' || issue.origin === 'int')
        return issue.inclusive === false ? `须大于 ${limit}` : `不能小于 ${limit}`;
      return undefined;
    }
    case 'invalid_type': {
      if (issue.input === undefined) return '必须填写';
      const name = TYPE_NAMES[issue.expected];
      return name ? `须为${name}` : undefined;
    }
    default:
      return undefined;
  }
}
