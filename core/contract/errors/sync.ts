import type { ErrorEntry } from './entry.js';

/** Errors of dossier sync between a workstation and the court intranet server (both sides use them on the wire). */
export const syncErrors = {
  SYNC_NO_SERVER: {
    zh: '尚未配置法院服务器',
    en: 'No court server configured',
    remedy: '请先执行 courtdesk login --server <服务器地址> --user <用户名>',
    exit: 2,
  },
  SYNC_UNREACHABLE: {
    zh: '无法连接法院服务器',
    en: 'Cannot reach the court server',
    remedy: '请检查网络与服务器地址；数据已保存在本机，网络恢复后再次同步即可从断点续传',
    exit: 1,
  },
  SYNC_TLS_UNTRUSTED: {
    zh: '法院服务器的证书不受信任',
    en: 'The court server certificate is not trusted',
    remedy: '请向管理员索取法院 CA 证书，保存为工作站数据目录中的 server-ca.pem（命令行也可用 --ca 指定）；核对服务器地址是否正确',
    exit: 1,
  },
  SYNC_SERVER_ERROR: {
    zh: '法院服务器处理出错',
    en: 'The court server failed to handle the request',
    remedy: '请稍后重试；如持续失败，请联系服务器管理员查看服务端日志',
    exit: 1,
  },
  SYNC_PROTOCOL: {
    zh: '服务器的响应无法识别',
    en: 'Unrecognised response from the server',
    remedy: '请确认服务器地址正确，并将工作站与服务端升级到同一版本',
    exit: 1,
  },
  SYNC_CHECKSUM_MISMATCH: {
    zh: '数据块校验失败，传输中数据已损坏',
    en: 'Chunk checksum mismatch: data was corrupted in transit',
    remedy: '程序会自动重传该数据块；如反复出现，请检查网络设备或代理',
    exit: 1,
  },
  SYNC_BLOB_CORRUPT: {
    zh: '卷宗文件整体校验失败，服务器已丢弃本次上传',
    en: 'Whole-file hash mismatch; the server discarded the upload',
    remedy: '卷宗文件可能在上传过程中被修改；请重新导出电子卷宗后再同步',
    exit: 1,
  },
  SYNC_SOURCE_MISSING: {
    zh: '本机找不到待上传的卷宗文件',
    en: 'The dossier file to upload is missing on this workstation',
    remedy: '请检查数据目录是否完整，或重新导出该电子卷宗',
    exit: 1,
  },
  SYNC_SOURCE_CORRUPT: {
    zh: '本机卷宗文件与登记的哈希不符，已停止上传',
    en: 'The local dossier file does not match its recorded hash',
    remedy: '本机文件可能已损坏或被改动；请重新导出电子卷宗，并通知管理员核查',
    exit: 1,
  },
  SYNC_CHECKPOINT_INCONSISTENT: {
    zh: '防篡改检查点与服务器记录不一致（可能被回滚或篡改），服务器已拒收并告警',
    en: 'Ledger checkpoint is inconsistent with the server record; rejected and alarmed',
    remedy: '请立即停止使用该工作站并通知管理员；保留数据目录以便取证',
    exit: 1,
  },
  SYNC_WORKSTATION_MISMATCH: {
    zh: '登录凭据不属于本工作站或本次上传',
    en: 'The sign-in token belongs to another workstation',
    remedy: '请在本工作站上重新登录（courtdesk login）',
    exit: 1,
  },
  SYNC_WORKSTATION_NOT_ENROLLED: {
    zh: '本工作站尚未在服务器登记或已被停用',
    en: 'This workstation is not enrolled on the server or is disabled',
    remedy: '请将工作站编号（见详情）告知服务器管理员，由其启用本工作站',
    exit: 1,
  },
  SYNC_VERSION_EXISTS: {
    zh: '该卷宗版本已在服务器上',
    en: 'This dossier version is already on the server',
    remedy: '无需操作',
    exit: 1,
  },
  SYNC_BLOB_MISSING: {
    zh: '服务器上还没有该卷宗文件',
    en: 'The server does not hold this dossier file yet',
    remedy: '请重新同步，程序会重新上传该文件',
    exit: 1,
  },
  SYNC_DOSSIER_CASE_MISMATCH: {
    zh: '该卷宗在服务器上登记于另一个案件',
    en: 'The dossier is registered under a different case on the server',
    remedy: '请核对案号；如确需更改，请联系服务器管理员',
    exit: 1,
  },
  SYNC_DOSSIER_NOT_FOUND: {
    zh: '服务器上没有该卷宗或版本',
    en: 'No such dossier or version on the server',
    remedy: '请核对卷宗编号与版本号',
    exit: 1,
  },
  SYNC_UPLOAD_TOO_LARGE: {
    zh: '上传的数据块或文件超过服务器允许的大小',
    en: 'Chunk or file larger than the server allows',
    remedy: '请减小分块大小（chunkSize），或请管理员调高服务器上限',
    exit: 2,
  },
  SYNC_NOT_SIGNED_IN: {
    zh: '工作站尚未登录法院服务器，或登录已过期',
    en: 'This workstation is not signed in to the court server, or the sign-in expired',
    remedy: '请在“同步”页填写服务器地址、账号和密码后点击“连接”（或执行 courtdesk login）',
    exit: 1,
  },
  SYNC_ACCOUNT_NOT_ALLOWED: {
    zh: '该服务器账号无权上传卷宗或取回分案',
    en: 'This server account may not upload dossiers or pull assignments',
    remedy: '请改用书记员、扫描员或档案管理员的服务器账号连接（服务器的管理员账号不能上传卷宗）',
    exit: 1,
  },
  SYNC_BUSY: {
    zh: '本工作站的另一个同步正在进行',
    en: 'Another sync of this workstation is running',
    remedy: '请等待它完成后再试；如在工作站“同步”页暂停了同步，请先点击“继续”',
    exit: 1,
  },
  SYNC_PAUSED: {
    zh: '同步已暂停',
    en: 'Sync is paused',
    remedy: '请先点击“继续”，再立即同步',
    exit: 1,
  },
  SYNC_LOGIN_THROTTLED: {
    zh: '登录失败次数过多，已暂时锁定',
    en: 'Too many failed sign-ins; temporarily locked',
    remedy: '请稍后再试；如忘记密码，请联系服务器管理员重置',
    exit: 1,
  },
  SYNC_RENEWAL_REFUSED: {
    zh: '服务器不再接受本工作站的免密续期凭据',
    en: 'The server no longer accepts this workstation’s renewal credential',
    remedy: '请在“同步”页重新输入密码连接（或执行 courtdesk login）；离线期间的数据都在本机，连接后继续上传',
    exit: 1,
  },
  SYNC_OFFLINE_NO_VERIFIER: {
    zh: '本机没有该用户的离线登录凭据',
    en: 'No offline sign-in verifier for this user on this workstation',
    remedy: '请在联网状态下登录一次（courtdesk login），之后即可离线登录',
    exit: 1,
  },
  // The server's S3-compatible blob store (MinIO, Ceph RGW): shown at start-up and sent to clients as 503.
  SYNC_BLOB_STORE_UNREACHABLE: {
    zh: '法院服务器无法连接卷宗对象存储',
    en: 'The court server cannot reach its object storage',
    remedy: '请服务器管理员检查 --s3-endpoint 地址、网络与防火墙，并确认 MinIO/Ceph 服务正在运行；工作站上的卷宗不会丢失，稍后会自动重试',
    exit: 1,
  },
  SYNC_BLOB_STORE_DENIED: {
    zh: '卷宗对象存储拒绝了法院服务器的访问',
    en: 'The object storage refused the court server’s credentials',
    remedy: '请服务器管理员核对访问密钥（环境变量 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY，或 --s3-access-key-env / --s3-secret-key-env 指定的变量）及其对该存储桶的读写权限（HeadBucket、HeadObject、GetObject、PutObject、分段上传）',
    exit: 1,
  },
  SYNC_BLOB_STORE_NO_BUCKET: {
    zh: '卷宗对象存储中没有配置的存储桶',
    en: 'The configured bucket does not exist in the object storage',
    remedy: '请服务器管理员在 MinIO/Ceph 中创建该存储桶（例如 mc mb <别名>/<存储桶>），或核对 --s3-bucket 的名称',
    exit: 1,
  },
  SYNC_BLOB_STORE_FAILED: {
    zh: '卷宗对象存储出错',
    en: 'The object storage failed',
    remedy: '请稍后重试；如持续失败，请服务器管理员查看服务端日志中的对象存储错误码',
    exit: 1,
  },
} as const satisfies Record<string, ErrorEntry>;
