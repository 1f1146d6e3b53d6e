import type { ErrorEntry } from './entry.js';

/** Errors of long jobs and of the 卷宗 page's calls around them. */
export const jobsErrors = {
  JOB_NOT_FOUND: { zh: '未找到该任务', en: 'Job not found', remedy: '任务列表可能已过期，请刷新页面后重试', exit: 1 },
  JOB_CANCELLED: { zh: '任务已取消', en: 'The job was cancelled', remedy: '如仍需要结果，请点击“重新执行”', exit: 1 },
  JOB_INTERRUPTED: {
    zh: '任务因程序退出或断电而中断',
    en: 'The job was cut short when the workstation stopped',
    remedy: '请点击“重新执行”；已完成的部分不会影响重新执行的结果',
    exit: 1,
  },
  JOB_NOT_FINISHED: { zh: '任务尚未完成，暂无结果可下载', en: 'The job has not finished', remedy: '请等待进度达到 100% 后再下载', exit: 1 },
  EXPORT_FILE_GONE: {
    zh: '导出的电子卷宗文件已不在数据目录中',
    en: 'The exported file is no longer in the data directory',
    remedy: '请重新生成电子卷宗',
    exit: 1,
  },
  EXPORT_UNAVAILABLE: {
    zh: '此工作站服务未启用电子卷宗导出',
    en: 'E-dossier export is not enabled in this workstation service',
    remedy: '请用 courtdesk serve 打开网页版导出，或在命令行执行 courtdesk export --case <案号> --out <文件>',
    exit: 1,
  },
  PAGE_NOT_FOUND: { zh: '未找到该页面', en: 'Page not found', remedy: '页面可能已被删除，请刷新卷宗后重试', exit: 1 },
} as const satisfies Record<string, ErrorEntry>;
