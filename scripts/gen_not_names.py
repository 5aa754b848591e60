#!/usr/bin/env python3
"""Builds crates/detect/data/not_names.txt: names of places, teams and companies that
are written like transliterated person names (切尔西, 阿斯旺, 迪士尼) but are not people.
The name tagger drops a name it read where one of these stands in the text.

    pip install babel jieba && python3 scripts/gen_not_names.py

Sources:
  * CLDR (Unicode licence), through babel 2.19: the names of territories and of the
    exemplar cities of time zones in zh, zh_Hant and zh_Hant_HK;
  * the lists below, written for gezi from general knowledge: football and basketball
    clubs, companies and brands, landmarks and cities that news writes in Chinese;
  * the foreign places and organisations of the tagger's training corpus (written with
    transliteration characters, seen at least twice, never as a person), from the file
    that `PLACES_OUT=... scripts/names_corpus.py` writes.

    python3 scripts/gen_not_names.py [TRAIN.jsonl [PLACES.txt]]
Entries are kept in Simplified characters (the tagger folds Traditional text to
Simplified before it looks); words that the training corpus has as a person's name
(华盛顿, 林肯) are left out, since there the text decides, not the list.
"""
import json, os, sys

from babel import Locale

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "detect", "data", "not_names.txt")
T2S = os.path.join(os.path.dirname(__file__), "..", "crates", "detect", "data", "t2s.txt")

FOOTBALL = """
阿森纳 切尔西 曼联 曼城 利物浦 热刺 托特纳姆 埃弗顿 阿斯顿维拉 维拉 纽卡斯尔 纽卡斯尔联 纽卡斯 纽卡 西汉姆 西汉姆联 富勒姆
博尔顿 布莱克本 米德尔斯堡 米堡 桑德兰 朴茨茅斯 朴茨茅 维冈 伯明翰 斯托克城 狼队 赫尔城 西布朗 伯恩利 雷丁 查尔顿 利兹联
南安普敦 莱斯特城 诺维奇 斯旺西 水晶宫 沃特福德 伯恩茅斯 布莱顿 谢菲尔德联 谢菲尔德星期三 诺丁汉森林 德比郡 卡迪夫城 布伦特福德
尤文图斯 尤文 国际米兰 国米 AC米兰 那不勒斯 佛罗伦萨 佛罗伦萨 费伦蒂纳 紫百合 桑普多利亚 桑普 热那亚 乌迪内斯 巴勒莫 卡利亚里 帕尔马 锡耶纳
切沃 雷吉纳 莱切 卡塔尼亚 亚特兰大 博洛尼亚 利沃诺 恩波利 梅西纳 特雷维索 阿斯科利 布雷西亚 皮亚琴察 萨索洛 佩鲁贾 拉齐奥
皇家马德里 皇马 巴塞罗那 巴萨 马德里竞技 马竞 瓦伦西亚 塞维利亚 比利亚雷亚尔 皇家贝蒂斯 贝蒂斯 拉科鲁尼亚 拉科 毕尔巴鄂竞技 毕尔巴鄂
皇家社会 奥萨苏纳 马洛卡 赫塔菲 桑坦德竞技 桑坦德 阿尔梅利亚 巴拉多利德 希洪竞技 西班牙人 韦尔瓦 萨拉戈萨 赫雷斯 特内里费 莱万特
塞尔塔 马拉加 埃瓦尔 格拉纳达 阿拉维斯 努曼西亚 穆尔西亚 雷克雷阿提沃
拜仁慕尼黑 拜仁 多特蒙德 沙尔克04 沙尔克 云达不莱梅 不莱梅 汉堡 勒沃库森 斯图加特 沃尔夫斯堡 狼堡 霍芬海姆 门兴格拉德巴赫 门兴
法兰克福 柏林赫塔 赫塔 汉诺威 科隆 美因茨 比勒菲尔德 波鸿 纽伦堡 卡尔斯鲁厄 科特布斯 弗赖堡 凯泽斯劳滕 罗斯托克 杜伊斯堡
巴黎圣日耳曼 大巴黎 里昂 马赛 波尔多 摩纳哥 里尔 朗斯 南特 雷恩 图卢兹 尼斯 欧塞尔 南锡 索肖 圣埃蒂安 勒芒 洛里昂 瓦朗谢讷 蒙彼利埃
阿贾克斯 埃因霍温 费耶诺德 阿尔克马尔 特温特 波尔图 本菲卡 里斯本竞技 布拉加 凯尔特人 流浪者 加拉塔萨雷 费内巴切 贝西克塔斯
奥林匹亚科斯 帕纳辛纳科斯 安德莱赫特 布鲁日 标准列日 基辅迪纳摩 顿涅茨克矿工 莫斯科斯巴达 莫斯科中央陆军 泽尼特 巴塞尔 萨尔茨堡
布拉格斯巴达 哥本哈根 罗森博格 博卡青年 河床 桑托斯 弗拉门戈 科林蒂安
湖人 火箭 马刺 热火 公牛 尼克斯 骑士 勇士 快船 小牛 独行侠 掘金 爵士 雷霆 开拓者 森林狼 灰熊 鹈鹕 黄蜂 魔术 老鹰 奇才 篮网 活塞 雄鹿 步行者 猛龙
"""

COMPANIES = """
迪士尼 皮克斯 梦工厂 华纳 派拉蒙 环球影业 福克斯 索尼 任天堂 世嘉 微软 谷歌 雅虎 暴雪 育碧 艺电 卡普空 科乐美 史克威尔 万代 南梦宫
沃尔玛 家乐福 宜家 麦当劳 肯德基 星巴克 可口可乐 百事可乐 耐克 阿迪达斯 彪马 西门子 爱立信 诺基亚 摩托罗拉 三星 松下 东芝 夏普
佳能 尼康 丰田 本田 日产 马自达 奔驰 宝马 奥迪 保时捷 法拉利 兰博基尼 玛莎拉蒂 雪佛兰 沃尔沃 雪铁龙 菲亚特 英特尔 惠普 戴尔
宏碁 华硕 甲骨文 思科 亚马逊 脸书 推特 雷曼兄弟 高盛 花旗 汇丰 渣打 瑞银 美林 贝尔斯登 巴克莱 德意志银行 波音 空客 空中客车
米格 苏霍伊 洛克希德 威廉希尔 立博 必发 博彩公司 路透社 彭博 美联社 法新社
"""

PLACES = """
卢浮宫 大英博物馆 埃菲尔铁塔 艾菲尔铁塔 白宫 克里姆林宫 五角大楼 好莱坞 百老汇 拉斯维加斯 曼彻斯特 都灵 威尼斯 慕尼黑 巴塞罗那
塞维利亚 旧金山 休斯顿 迈阿密 西雅图 波士顿 费城 达拉斯 奥兰多 卢克索 阿斯旺 凯恩斯 墨尔本 布里斯班 奥克兰 温哥华 多伦多
蒙特利尔 孟买 新德里 曼谷 普吉岛 巴厘岛 马尔代夫 夏威夷 加利福尼亚 佛罗里达 得克萨斯 阿拉斯加 苏格兰 英格兰 威尔士 巴伐利亚
西伯利亚 斯堪的纳维亚 巴尔干 加勒比 地中海 阿尔卑斯 喜马拉雅 撒哈拉 亚马孙 密西西比
"""


def folded(word, fold):
    return "".join(fold.get(c, c) for c in word)


def main():
    fold = {}
    for line in open(T2S, encoding="utf-8"):
        if not line.startswith("#"):
            a, b = line.rstrip("\n").split("\t")
            fold[a] = b
    entries = set()
    for loc in ("zh", "zh_Hant", "zh_Hant_HK"):
        l = Locale.parse(loc)
        for code, name in l.territories.items():
            if code.isalpha():  # countries and regions, not continents (001, 150)
                entries.add(folded(name, fold))
        for zone in l.time_zones.values():
            if zone.get("city"):
                entries.add(folded(zone["city"], fold))
    for block in (FOOTBALL, COMPANIES, PLACES):
        entries.update(block.split())
    places = sys.argv[2] if len(sys.argv) > 2 else "target/names/places.txt"
    if os.path.exists(places):
        translit = set(l.split("\t")[0] for l in open(os.path.join(os.path.dirname(OUT), "translit_chars.txt"),
                                                     encoding="utf-8") if not l.startswith("#"))
        seen = {}
        for line in open(places, encoding="utf-8"):
            w = line.strip()
            seen[w] = seen.get(w, 0) + 1
        entries.update(w for w, n in seen.items()
                       if n >= 2 and len(w) >= 2 and sum(c in translit for c in w) >= 0.75 * len(w))
    # The corpus of the tagger knows some of these as people: leave those to the text.
    people = set()
    train = sys.argv[1] if len(sys.argv) > 1 else "target/names/train.jsonl"
    if os.path.exists(train):
        for line in open(train, encoding="utf-8"):
            r = json.loads(line)
            if "+swap" not in r["src"]:
                people.update(r["text"][a:b] for a, b in r["spans"])
    kept = sorted(e for e in entries if 2 <= len(e) <= 10 and e not in people)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# places, teams and companies written like person names, in Simplified characters "
                "(generated by scripts/gen_not_names.py)\n")
        for e in kept:
            f.write(e + "\n")
    print(f"{len(kept)} entries ({len(entries) - len(kept)} left out as names in the corpus or too long)",
          file=sys.stderr)


main()
