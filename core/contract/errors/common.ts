import type { ErrorEntry } from './entry.js';

/** Errors any capability may raise. */
export const commonErrors = {
  INVALID_INPUT: { zh: '输入内容不符合要求', en: 'Invalid input', remedy: '请检查输入内容后重试', exit: 2 },
  INVALID_CASE_NUMBER: {
    zh: '案号格式无效',
    en: 'Invalid case number',
    remedy: '案号应形如（2024）苏0508民初1234号：年份、法院代字、类型代字、序号',
    exit: 2,
  },
  CASE_EXISTS: { zh: '该案号已存在', en: 'Case number already exists', remedy: '请在案件列表中搜索并打开该案件', exit: 1 },
  CASE_NOT_FOUND: { zh: '未找到该案件', en: 'Case not found', remedy: '请核对案号，或先创建案件', exit: 1 },
  NOT_AUTHENTICATED: { zh: '尚未登录或登录已过期', en: 'Not signed in', remedy: '请重新登录', exit: 1 },
  BAD_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong user name or password', remedy: '请核对后重试；忘记密码请联系管理员重置', exit: 1 },
  FORBIDDEN: { zh: '当前角色无权执行此操作', en: 'Your role may not do this', remedy: '请联系管理员分配相应角色', exit: 1 },
  USER_EXISTS: { zh: '用户名已存在', en: 'User name already taken', remedy: '请换一个用户名', exit: 2 },
  UNKNOWN_CHANNEL: { zh: '未知的接口调用', en: 'Unknown API call', remedy: '请升级客户端与服务端到同一版本', exit: 2 },
  STORE_FAILURE: { zh: '本地数据库出错', en: 'Local database error', remedy: '请检查磁盘空间与数据目录权限后重试', exit: 1 },
  DISCONNECTED: { zh: '与工作站服务的连接已断开', en: 'Connection to the workstation service lost', remedy: '请确认服务仍在运行，然后刷新页面', exit: 1 },
  INTERNAL: { zh: '程序内部错误', en: 'Internal error', remedy: '请重试；如仍失败，请将日志发送给技术支持', exit: 1 },
} as const satisfies Record<string, ErrorEntry>;
