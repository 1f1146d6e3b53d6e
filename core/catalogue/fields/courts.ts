/**
 * Court names: 最高人民法院, 江苏省高级人民法院, 江苏省苏州市中级人民法院, 苏州市吴中区人民法院,
 * 上海市第一中级人民法院, and the specialised courts (知识产权法院, 海事法院, 互联网法院…).
 * A name is read leftwards from 法院 and cut where the place name cannot continue.
 */

const SUFFIX = /(?:人民法院|知识产权法院|海事法院|互联网法院|金融法院|铁路运输法院|铁路运输中级法院|军事法院)/gu;
/** Words that end the text before a court name: 向江苏省…, 由…, 经…, 于…, 此致 …. */
const STOP = /[向由经于在至到往请致诉与和及或并对将被为的是了本该原给称后前即已]/u;
const PROVINCES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
const PROVINCE = new RegExp(`(?:${PROVINCES})`, 'u');
/** What a court's place name ends with, just before (人民)法院. */
const PLACE_END = /(?:省|市|区|县|州|旗|盟|地区|高级|中级|自治区|自治县|自治州|林区|垦区|矿区|开发区|新区|园区)$/u;
const SPECIALISED = /^(?:知识产权法院|海事法院|互联网法院|金融法院|铁路运输法院|铁路运输中级法院|军事法院)$/u;
/** Words that run straight into a court name without a break: 送达苏州市…, 不服…, 原审法院宁波市…. */
const STOP_WORDS = /法院|原审|不服|送达|提交|递交|移交|提起|上诉|起诉|申请|移送|报送|呈送|诉至|转至|指定|管辖|经过|通过|根据|依据|按照/gu;
const MAX_PREFIX = 24;

function placeBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < MAX_PREFIX && /\p{Script=Han}/u.test(text[start - 1]) && !STOP.test(text[start - 1])) start -= 1;
  let prefix = text.slice(start, end);
  const stops = [...prefix.matchAll(STOP_WORDS)];
  if (stops.length > 0) prefix = prefix.slice(stops.at(-1)!.index + stops.at(-1)![0].length);
  const province = PROVINCE.exec(prefix);
  return province ? prefix.slice(province.index) : prefix;
}

/** Every court named in the text, in order of first appearance. */
export function findCourts(text: string): string[] {
  const source = text.normalize('NFKC').replace(/[ \t\u3000]+/gu, '');
  const found: string[] = [];
  for (const m of source.matchAll(SUFFIX)) {
    const suffix = m[0];
    const prefix = placeBefore(source, m.index);
    let name: string | null = null;
    if (prefix.endsWith('最高') && suffix === '人民法院') name = '最高人民法院';
    else if (prefix && (PLACE_END.test(prefix) || (SPECIALISED.test(suffix) && prefix.length >= 2))) name = prefix + suffix;
    if (name && !found.includes(name)) found.push(name);
  }
  return found;
}
