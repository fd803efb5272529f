"""A second, independent check of Chinese renderings: firms and people as Chinese media write them.

    .venv/bin/python -m benchmarks.screening.zh_check

Written from general knowledge of how Xinhua and MOFCOM render US, Japanese and European names, not from
the development file, so it tells whether the Chinese rules generalise. Each English name is added to an
index of all lists; a pair counts when the first hit is its English entry. Figures are printed only.
"""

from __future__ import annotations

from benchmarks.screening.data import load_lists
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry

PAIRS = (
    ("洛克希德·马丁公司", "Lockheed Martin Corporation", "organization"),
    ("雷神技术公司", "Raytheon Technologies Corporation", "organization"),
    ("波音公司", "The Boeing Company", "organization"),
    ("通用原子航空系统公司", "General Atomics Aeronautical Systems, Inc.", "organization"),
    ("通用电气公司", "General Electric Company", "organization"),
    ("安杜里尔工业公司", "Anduril Industries, Inc.", "organization"),
    ("罗克韦尔·柯林斯公司", "Rockwell Collins, Inc.", "organization"),
    ("L3哈里斯技术公司", "L3Harris Technologies, Inc.", "organization"),
    ("摩托罗拉解决方案公司", "Motorola Solutions, Inc.", "organization"),
    ("卡特彼勒公司", "Caterpillar Inc.", "organization"),
    ("西门子股份公司", "Siemens AG", "organization"),
    ("莱茵金属公司", "Rheinmetall AG", "organization"),
    ("泰雷兹集团", "Thales Group", "organization"),
    ("达索航空公司", "Dassault Aviation", "organization"),
    ("萨博集团", "Saab AB", "organization"),
    ("伯克希尔·哈撒韦公司", "Berkshire Hathaway Inc.", "organization"),
    ("摩根士丹利", "Morgan Stanley", "organization"),
    ("特斯拉公司", "Tesla, Inc.", "organization"),
    ("迈克·蓬佩奥", "Mike Pompeo", "person"),
    ("约翰·博尔顿", "John Bolton", "person"),
    ("史蒂夫·班农", "Stephen Bannon", "person"),
    ("彼得·纳瓦罗", "Peter Navarro", "person"),
    ("杰克·沙利文", "Jake Sullivan", "person"),
    ("安东尼·布林肯", "Antony Blinken", "person"),
    ("劳埃德·奥斯汀", "Lloyd Austin", "person"),
    ("凯文·麦卡锡", "Kevin McCarthy", "person"),
    ("迈克尔·麦考尔", "Michael McCaul", "person"),
    ("伊丽莎白·沃伦", "Elizabeth Warren", "person"),
    ("米奇·麦康奈尔", "Mitch McConnell", "person"),
    ("吉娜·雷蒙多", "Gina Raimondo", "person"),
    ("珍妮特·耶伦", "Janet Yellen", "person"),
    ("克里斯托弗·雷", "Christopher Wray", "person"),
    ("马可·鲁比奥", "Marco Rubio", "person"),
    ("格雷格·阿博特", "Greg Abbott", "person"),
)


def main() -> None:
    lists = load_lists()
    extra = [ListEntry(f"zhcheck{i}", en, kind) for i, (_, en, kind) in enumerate(PAIRS)]
    screener = Screener.build([e for v in lists.values() for e in v] + extra)
    first = {"organization": [0, 0], "person": [0, 0]}
    for i, (zh, en, kind) in enumerate(PAIRS):
        hits = screener.screen(Query(zh, kind), 3)
        good = bool(hits) and hits[0].entry.entry_id == f"zhcheck{i}"
        first[kind][0] += good
        first[kind][1] += 1
        got = f"{hits[0].matched_name} ({hits[0].score:.2f})" if hits else "nothing"
        print(f"{'ok  ' if good else 'MISS'} {zh} → {en}: got {got}")
    total = sum(a for a, _ in first.values()), sum(n for _, n in first.values())
    print("first hit right: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in first.items()) + f", all {total[0]}/{total[1]}")


if __name__ == "__main__":
    main()
