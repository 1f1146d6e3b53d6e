import { partyRoles } from '../../contract/index.js';

export interface ExtractedParty {
  role: (typeof partyRoles)[number];
  name: string;
}

/** Longest first, so 被上诉人 is not read as 上诉人 and 申请执行人 not as 申请人. */
const ROLES = [...partyRoles].sort((a, b) => b.length - a.length);
const ORG_END =
  '有限责任公司|股份有限公司|有限公司|分公司|公司|集团|银行|支行|分行|合作社|委员会|人民政府|政府|管理局|分局|局|厂|中心|事务所|医院|学校|大学|协会|人民检察院|检察院|街道办事处|办事处|村民委员会';
const ORG = new RegExp(`^[\\p{Script=Han}A-Za-z0-9（）()]{2,40}(?:${ORG_END})`, 'u');
/** A name runs at most to the next punctuation mark. */
const NAME_SEGMENT = /^[^，,。；;：:\n]{1,48}/u;
/**
 * What can follow a person's name written without punctuation (原告张三诉…, 被告李四与…). Only
 * words that cannot continue a name: 原告李四民间借贷… must not yield 李四民间.
 */
const AFTER_NAME = /^(?:[,，]\s*(?:男|女)|[（(\n]|男|女|$|与|诉(?:称|被|原|至)|因|不服|提出|辩称|述称)/u;
/**
 * After 原告：张三 the header goes on with the person's particulars (，男 ，1980年… ，住…); a speaker
 * label in a record (原告：坚持诉讼请求。) goes on with speech.
 */
const AFTER_HEADER_NAME = /^(?:[，,、]\s*(?:男|女|住|汉族|[0-9]{4}年|出生|身份|公民|系|现|户籍|原名|曾用名|统一社会信用代码|法定代表人|委托)|[（(\n]|$)/u;
/** After an organisation's name (有限公司, 人民检察院…) any punctuation will do: its suffix already marks it. */
const AFTER_ORG_NAME = /^(?:[，,。；;：:、\s（(]|$)/u;
/** A 2–4 character name never starts with these (原告诉称, 被告认为, 原告多次…); 曾 and 应 are surnames and stay out. */
const NOT_NAME_START = /^[的诉称认主提向与及等在对之所系已未均请方辩不是一二两人即也又还就并同因为从以当多再仍亦便才都共另须只没无]/u;
const NOT_NAME =
  /^(?:本人|双方|各方|上述|该公司|公司|单位|本院|代理|委托|身份|住所|住址|公民|当事|一审|二审|原审|应当|应予|应该|支付|归还|偿还|催要|承担|出具|签订|交付|陈述|申请|申报|发现|证据|承认|供述|坚持|同意|认为|认可|确认|表示|主张|要求|请求|提交|收到|签收|履行|负担|明确|放弃|撤回|撤诉|上诉|答辩|出庭|到庭|缺席)/u;
/**
 * Common surnames (single and compound). A name read from running text, where nothing but the
 * words around it marks where it ends, must start with one; header lines need not.
 */
const SURNAME = new RegExp(
  '^(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|夏侯|令狐|宇文|司徒|端木|' +
    '[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由])',
  'u',
);

const LEAD = new RegExp(`(?:^|[\\n。；;，,：:、]|诉|与|和|及|向|同)(?:原审)?(${ROLES.join('|')})(?:[（(][^（()）]{1,12}[)）])?\\s*[：:]?\\s*`, 'gu');

/** 原告张三诉被告某某公司: the next role ends the name. */
const NEXT_ROLE = new RegExp(`(?:诉|与|和|及|向|同)?(?:原审)?(?:${ROLES.join('|')})`, 'u');
/** 原告马某某被告高某 on a cover page, where spaces separated the fields. */
const ROLE_NEXT = new RegExp(`^(?:原审)?(?:${ROLES.join('|')})`, 'u');
const CONTINUES_WITH_ROLE = new RegExp(`^(?:诉|与|和|及|向|同)(?:原审)?(?:${ROLES.join('|')})`, 'u');

/**
 * The name right after a role word. `header` is true after 原告： — the colon says a name follows,
 * so plain punctuation may end it; in running text only words that cannot belong to a name may.
 */
function nameAt(text: string, header: boolean, known: readonly string[]): string | null {
  const confirmed = known.find((n) => text.startsWith(n));
  if (confirmed) return confirmed;
  const segment = NAME_SEGMENT.exec(text)?.[0] ?? '';
  const next = NEXT_ROLE.exec(segment.slice(2));
  const org = ORG.exec(next ? segment.slice(0, next.index + 2) : segment);
  const rest = org ? text.slice(org[0].length) : '';
  if (org && !NOT_NAME_START.test(org[0]) && (AFTER_ORG_NAME.test(rest) || CONTINUES_WITH_ROLE.test(rest))) return org[0];
  for (let len = 2; len <= 4; len++) {
    const candidate = text.slice(0, len);
    if (!/^\p{Script=Han}+$/u.test(candidate) || candidate.length < len) return null;
    if (NOT_NAME_START.test(candidate) || NOT_NAME.test(candidate)) return null;
    const next = text.slice(len);
    if (header && AFTER_HEADER_NAME.test(next)) return candidate;
    // 被告：李四。 as a line of its own: a surname tells it from a speaker's words (原告：同意。).
    if (header && SURNAME.test(candidate) && /^。\s*(?:\n|$)/u.test(next)) return candidate;
    if (SURNAME.test(candidate) && (AFTER_NAME.test(next) || ROLE_NEXT.test(next))) return candidate;
  }
  return null;
}

/**
 * Parties named with their role: 原告：张三，男，1980年…; 原告张三诉被告李四…; 被告：某某有限公司;
 * 上诉人（原审被告）：某某公司. Role words inside other words (被告人, 被上诉人) resolve to the longest role.
 */
export function findParties(text: string): ExtractedParty[] {
  const source = text.normalize('NFKC').replace(/[ \t\u3000]+/gu, '');
  const found: ExtractedParty[] = [];
  // Two passes: names read where punctuation delimits them are then recognised in running text (原告张三诉被告李四民间借贷…).
  for (let pass = 0; pass < 2; pass++) {
    const known = [...new Set(found.map((p) => p.name))].sort((a, b) => b.length - a.length);
    for (const m of source.matchAll(LEAD)) {
      const role = m[1] as ExtractedParty['role'];
      const name = nameAt(source.slice(m.index + m[0].length), /[：:]\s*$/u.test(m[0]), known);
      if (name && !found.some((p) => p.role === role && p.name === name)) found.push({ role, name });
    }
  }
  return found;
}
