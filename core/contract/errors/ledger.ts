import type { ErrorEntry } from './entry.js';

/** Errors of the tamper-evident ledger (Merkle log, signed checkpoints, keys, anchoring, export manifests). */
export const ledgerErrors = {
  LEDGER_INDEX_OUT_OF_RANGE: {
    zh: '请求的记录序号或树大小超出防篡改日志范围',
    en: 'Leaf index or tree size outside the ledger',
    remedy: '请核对序号与树大小：序号须小于树大小，树大小不能超过当前日志长度',
    exit: 2,
  },
  LEDGER_LEAF_INVALID: {
    zh: '防篡改日志记录内容无效',
    en: 'Invalid ledger entry',
    remedy: '记录类型只能用小写字母、数字、连字符；主题不能为空且不能换行',
    exit: 2,
  },
  LEDGER_CHECKPOINT_MALFORMED: {
    zh: '签名检查点格式错误',
    en: 'Malformed signed checkpoint',
    remedy: '检查点应为“来源、大小、根哈希”三行，空一行后是签名行；请重新导出或向出具方索取原件',
    exit: 1,
  },
  LEDGER_ORIGIN_MISMATCH: {
    zh: '检查点来源与预期的日志不符',
    en: 'Checkpoint comes from a different log',
    remedy: '请确认使用的是本案出具工作站的检查点与验证公钥',
    exit: 1,
  },
  LEDGER_SIGNATURE_INVALID: {
    zh: '检查点签名无效，内容可能被篡改',
    en: 'Checkpoint signature is invalid; the content may have been altered',
    remedy: '不要采信该文件；请向出具法院索取原件并核对验证公钥',
    exit: 1,
  },
  LEDGER_UNKNOWN_KEY: {
    zh: '检查点没有受信任密钥的签名',
    en: 'Checkpoint is not signed by a trusted key',
    remedy: '请向出具法院索取其工作站的验证公钥（名称+哈希+公钥）后重试',
    exit: 1,
  },
  LEDGER_KEY_INVALID: {
    zh: '密钥格式无效',
    en: 'Invalid key',
    remedy: '验证公钥应形如“名称+8位十六进制+Base64”；私钥文件损坏时请联系管理员恢复备份',
    exit: 2,
  },
  LEDGER_KEY_INSECURE: {
    zh: '签名私钥文件权限过宽，已拒绝使用',
    en: 'Signing key file is readable by other users; refusing to use it',
    remedy: '请执行 chmod 600 <私钥文件>，并确认文件属于运行本程序的用户',
    exit: 1,
  },
  LEDGER_KEY_PROTECTED: {
    zh: '本工作站的签名私钥由桌面程序加密保存在系统密钥库中，命令行无法使用',
    en: "This workstation's signing key is encrypted by the desktop app with the OS key store; the command line cannot use it",
    remedy: '请在 CourtDesk 桌面程序中导出或同步；不要为同一数据目录另建密钥',
    exit: 1,
  },
  LEDGER_KEY_UNREADABLE: {
    zh: '无法解密本工作站的签名私钥',
    en: "Cannot decrypt this workstation's signing key",
    remedy: '系统密钥库只对创建它的操作系统账户有效：请用原账户登录本机；如账户已重建，请联系管理员为本工作站登记新密钥',
    exit: 1,
  },
  LEDGER_TAMPERED: {
    zh: '防篡改日志校验失败：本地记录与已签名的检查点不一致',
    en: 'Ledger audit failed: stored entries do not match a signed checkpoint',
    remedy: '请立即停止使用该工作站并通知管理员；保留数据目录以便取证',
    exit: 1,
  },
  LEDGER_ANCHOR_FAILED: {
    zh: '检查点上链存证失败',
    en: 'Anchoring the checkpoint failed',
    remedy: '请检查网络与存证服务地址、认证配置；检查点已保存在本地，可稍后重试',
    exit: 1,
  },
  LEDGER_ANCHOR_BAD_RECEIPT: {
    zh: '存证服务返回的回执无法识别或与检查点不符',
    en: 'The anchoring service returned an unusable receipt',
    remedy: '请联系存证平台确认接口版本与回执格式（见 core/ledger/README.md）',
    exit: 1,
  },
  LEDGER_MANIFEST_INVALID: {
    zh: '卷宗完整性清单格式错误',
    en: 'Malformed integrity manifest',
    remedy: '该文件的完整性清单已损坏或不是本系统生成，请向出具法院索取原件',
    exit: 1,
  },
} as const satisfies Record<string, ErrorEntry>;
