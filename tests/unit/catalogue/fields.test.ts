import { describe, expect, it } from 'vitest';
import { extractFields, findAmounts, findCaseNumbers, findCourts, findDates, findParties } from '../../../core/catalogue/fields/index.js';

describe('案号 in text', () => {
  it('finds case numbers with either bracket width, OCR spacing and O/l for 0/1, canonical and without repeats', () => {
    const text = '本院（2024）苏0508民初1234号判决；原审案号(2023) 苏 05 民终 88 号。另见（2024）苏0508民初1234号及（2O23）浙O1O6民初l288号。';
    expect(findCaseNumbers(text)).toEqual(['（2024）苏0508民初1234号', '（2023）苏05民终88号', '（2023）浙0106民初1288号']);
  });

  it('skips numbers that are not 案号: prosecutors’ and agencies’ document numbers, old 字第 style, unknown type codes', () => {
    expect(findCaseNumbers('深检刑诉〔2023〕88号；（2015）吴民初字第123号；（2024）苏0508民乱12号')).toEqual([]);
  });
});

describe('parties', () => {
  it('reads a party on a line of its own ending in 。, but not a speaker’s words', () => {
    expect(findParties('原告：张三，男。\n被告：李四。\n')).toEqual([
      { role: '原告', name: '张三' },
      { role: '被告', name: '李四' },
    ]);
    expect(findParties('原告：同意。\n被告：不同意。')).toEqual([]);
  });

  it('reads the header form, the sentence form and organisations', () => {
    const text = [
      '原告：张三，男，1980年3月5日出生，汉族。',
      '被告:苏州某某贸易有限公司,住所地苏州市吴中区。',
      '法定代表人：王五，总经理。',
      '第三人中国某某银行股份有限公司苏州分行。',
      '原告张三诉被告苏州某某贸易有限公司买卖合同纠纷一案。',
    ].join('\n');
    expect(findParties(text)).toEqual([
      { role: '原告', name: '张三' },
      { role: '被告', name: '苏州某某贸易有限公司' },
      { role: '第三人', name: '中国某某银行股份有限公司苏州分行' },
    ]);
  });

  it('tells 被上诉人 from 上诉人, 申请执行人 from 申请人, and reads past (原审被告)', () => {
    const text = '上诉人（原审被告）：李四，男。\n被上诉人（原审原告）：张三，男。\n申请执行人：某某建材有限公司。\n被执行人：刘某，男。\n申请人王小明与被申请人赵某某，女，1990年出生';
    expect(findParties(text)).toEqual([
      { role: '上诉人', name: '李四' },
      { role: '被上诉人', name: '张三' },
      { role: '申请执行人', name: '某某建材有限公司' },
      { role: '被执行人', name: '刘某' },
      { role: '申请人', name: '王小明' },
      { role: '被申请人', name: '赵某某' },
    ]);
  });

  it('does not take verbs after a role for names', () => {
    expect(findParties('原告诉称，被告辩称，被告未到庭，原告提交证据，被告公司未付款。')).toEqual([]);
  });

  it('recognises names already read when the cause of action follows without a break', () => {
    expect(findParties('原告李四民间借贷纠纷一案')).toEqual([]);
    expect(findParties('被告：李四，男。\n原告王五与被告李四民间借贷纠纷一案，原告王五诉称')).toEqual([
      { role: '被告', name: '李四' },
      { role: '原告', name: '王五' },
    ]);
  });

  it('reads 被告人 and 公诉机关 in criminal documents', () => {
    expect(findParties('公诉机关长沙市芙蓉区人民检察院。\n被告人邓某某，男，1993年7月出生。')).toEqual([
      { role: '公诉机关', name: '长沙市芙蓉区人民检察院' },
      { role: '被告人', name: '邓某某' },
    ]);
  });
});

describe('dates', () => {
  it('turns every written form into ISO dates, in order, once each', () => {
    const text = '2024年3月5日立案，二〇二四年三月二十日开庭，2024-04-01宣判，落款二〇二四年十二月三十一曰，再次2024年3月5日。';
    expect(findDates(text)).toEqual(['2024-03-05', '2024-03-20', '2024-04-01', '2024-12-31']);
  });

  it('ignores impossible dates', () => {
    expect(findDates('2023年2月29日 2024年13月1日 2024年2月30日 二〇二四年二月二十九日')).toEqual(['2024-02-29']);
  });
});

describe('amounts in text', () => {
  it('finds upper-case, mixed and Arabic amounts with their written form', () => {
    const text = '借款人民币伍万元整（¥50000.00），利息1,234.5元，另欠货款5万元，合计人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分；受理费50元。';
    expect(findAmounts(text).map((a) => [a.value, a.text])).toEqual([
      [50000, '人民币伍万元整'],
      [50000, '¥50000.00'],
      [1234.5, '1,234.5元'],
      [50000, '5万元'],
      [123456.78, '人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分'],
      [50, '50元'],
    ]);
  });

  it('does not read 元 in words as money', () => {
    expect(findAmounts('2024年元旦，公元纪年，某单元楼。')).toEqual([]);
  });
});

describe('courts', () => {
  it('names courts at every level and specialised courts', () => {
    const text = [
      '江苏省苏州市吴中区人民法院',
      '如不服本判决，可向江苏省苏州市中级人民法院提出上诉。',
      '上海市第一中级人民法院、北京互联网法院、江苏省高级人民法院',
      '依照《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》',
      '判决书送达苏州市吴中区人民法院。',
    ].join('\n');
    expect(findCourts(text)).toEqual(['江苏省苏州市吴中区人民法院', '江苏省苏州市中级人民法院', '上海市第一中级人民法院', '北京互联网法院', '江苏省高级人民法院', '最高人民法院', '苏州市吴中区人民法院']);
  });

  it('does not take 本院 or placeholders for a court', () => {
    expect(findCourts('本院认为，××人民法院，人民法院应当')).toEqual([]);
  });
});

describe('all fields of a document', () => {
  it('extracts a judgment header', () => {
    const fields = extractFields('河南省郑州市金水区人民法院\n民事判决书\n(2023)豫0105民初6612号\n原告:马某某,女。\n被告:高某,男。\n偿还借款捌万元整。\n二〇二三年九月二十六日');
    expect(fields).toEqual({
      caseNumbers: ['（2023）豫0105民初6612号'],
      parties: [
        { role: '原告', name: '马某某' },
        { role: '被告', name: '高某' },
      ],
      dates: ['2023-09-26'],
      amounts: [{ value: 80000, text: '捌万元整' }],
      courts: ['河南省郑州市金水区人民法院'],
    });
  });
});
