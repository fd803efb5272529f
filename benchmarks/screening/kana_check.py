"""English names as Japanese staff type them, in katakana, against the English list entry.

    .venv/bin/python -m benchmarks.screening.kana_check            # the development set, misses printed
    .venv/bin/python -m benchmarks.screening.kana_check held       # the held set too: a round's start and end only

The MOF list's katakana names are mostly Russian, Arabic and Korean; a partner's contact or a customer's
director is as often British or American, written the way Japanese newspapers write them. Both sets were
written from general knowledge of those spellings, not from any list: the development set (common
given names and surnames, and a second set written after the first rules) was looked at while the
rules were written; the held set (public figures) was written with the first and is run only at a
round's start and end. Each English name is added to
an index of all lists; a pair counts when the first hit is its English entry. Figures are printed only.
"""

from __future__ import annotations

from benchmarks.screening.zh_check import run_sets

DEVELOPMENT = tuple((kana, en, "person") for kana, en in (
    ("ジョン・スミス", "John Smith"), ("ジェームズ・ブラウン", "James Brown"), ("ロバート・ジョンソン", "Robert Johnson"),
    ("デビッド・ウィリアムズ", "David Williams"), ("ウィリアム・ジョーンズ", "William Jones"),
    ("リチャード・ミラー", "Richard Miller"), ("トーマス・デイビス", "Thomas Davis"), ("マーク・ウィルソン", "Mark Wilson"),
    ("ポール・アンダーソン", "Paul Anderson"), ("ジョージ・テイラー", "George Taylor"), ("スティーブン・ムーア", "Steven Moore"),
    ("マイケル・ジャクソン", "Michael Jackson"), ("エリザベス・ホワイト", "Elizabeth White"), ("メアリー・ハリス", "Mary Harris"),
    ("サラ・マーティン", "Sarah Martin"), ("ジェニファー・トンプソン", "Jennifer Thompson"), ("ダニエル・ガルシア", "Daniel Garcia"),
    ("クリストファー・マルティネス", "Christopher Martinez"), ("ブライアン・ロビンソン", "Brian Robinson"),
    ("ケビン・クラーク", "Kevin Clark"), ("ジェイソン・ルイス", "Jason Lewis"), ("マシュー・リー", "Matthew Lee"),
    ("アンドリュー・ウォーカー", "Andrew Walker"), ("ジョセフ・ホール", "Joseph Hall"), ("チャールズ・アレン", "Charles Allen"),
    ("ピーター・ヤング", "Peter Young"), ("スコット・キング", "Scott King"), ("サイモン・ライト", "Simon Wright"),
    ("マイク・ヒル", "Mike Hill"), ("ティモシー・スコット", "Timothy Scott"),
))

# a second development set, written after the first round of rules for the first
DEVELOPMENT_SECOND = tuple((kana, en, "person") for kana, en in (
    ("スティーブン・ヒューズ", "Stephen Hughes"), ("キャサリン・エバンズ", "Catherine Evans"),
    ("マーガレット・ロバーツ", "Margaret Roberts"), ("スーザン・エドワーズ", "Susan Edwards"), ("カレン・グリーン", "Karen Green"),
    ("ローラ・ウッド", "Laura Wood"), ("ジェシカ・クーパー", "Jessica Cooper"), ("ソフィー・ベイカー", "Sophie Baker"),
    ("クロエ・ターナー", "Chloe Turner"), ("ライアン・パーカー", "Ryan Parker"), ("カイル・コリンズ", "Kyle Collins"),
    ("ディラン・スチュワート", "Dylan Stewart"), ("イーサン・マーフィー", "Ethan Murphy"), ("ノア・ケリー", "Noah Kelly"),
    ("リアム・オブライエン", "Liam O'Brien"), ("オーウェン・マクドナルド", "Owen McDonald"), ("ショーン・キャンベル", "Sean Campbell"),
    ("イアン・グラハム", "Ian Graham"), ("ニール・ナイト", "Neil Knight"), ("キース・フレーザー", "Keith Fraser"),
    ("ニコラス・ハリソン", "Nicholas Harrison"), ("グレアム・ヒル", "Graham Hill"), ("ヒュー・ジャックマン", "Hugh Jackman"),
    ("ゾーイ・ワード", "Zoe Ward"), ("ジョナサン・スウィフト", "Jonathan Swift"), ("ウォルター・スコット", "Walter Scott"),
    ("アーサー・コナン・ドイル", "Arthur Conan Doyle"), ("レイモンド・チャンドラー", "Raymond Chandler"),
    ("ダグラス・マッカーサー", "Douglas MacArthur"), ("ルイーズ・ブラウン", "Louise Brown"),
))

HELD = tuple((kana, en, "person") for kana, en in (
    ("ヘンリー・キッシンジャー", "Henry Kissinger"), ("ドナルド・トランプ", "Donald Trump"), ("ジョー・バイデン", "Joe Biden"),
    ("バラク・オバマ", "Barack Obama"), ("ヒラリー・クリントン", "Hillary Clinton"), ("アントニー・ブリンケン", "Antony Blinken"),
    ("ナンシー・ペロシ", "Nancy Pelosi"), ("キャサリン・タイ", "Katherine Tai"), ("レイチェル・カーソン", "Rachel Carson"),
    ("ウォーレン・バフェット", "Warren Buffett"), ("ビル・ゲイツ", "Bill Gates"), ("スティーブ・ジョブズ", "Steve Jobs"),
    ("イーロン・マスク", "Elon Musk"), ("ジェフ・ベゾス", "Jeff Bezos"), ("マーガレット・サッチャー", "Margaret Thatcher"),
    ("トニー・ブレア", "Tony Blair"), ("テリーザ・メイ", "Theresa May"), ("リシ・スナク", "Rishi Sunak"),
    ("キア・スターマー", "Keir Starmer"), ("ジャスティン・トルドー", "Justin Trudeau"),
    ("アンソニー・アルバニージー", "Anthony Albanese"), ("スコット・モリソン", "Scott Morrison"),
    ("ジャシンダ・アーダーン", "Jacinda Ardern"), ("ロイド・オースティン", "Lloyd Austin"), ("ジャネット・イエレン", "Janet Yellen"),
    ("ジーナ・レモンド", "Gina Raimondo"), ("ジェイク・サリバン", "Jake Sullivan"), ("カマラ・ハリス", "Kamala Harris"),
    ("ヘレン・ケラー", "Helen Keller"), ("エドワード・スノーデン", "Edward Snowden"), ("ジュリアン・アサンジ", "Julian Assange"),
    ("チェルシー・マニング", "Chelsea Manning"), ("ロジャー・フェデラー", "Roger Federer"), ("ヒュー・グラント", "Hugh Grant"),
    ("エマ・ワトソン", "Emma Watson"), ("トム・クルーズ", "Tom Cruise"), ("ジュリア・ロバーツ", "Julia Roberts"),
    ("ニコラス・ケイジ", "Nicolas Cage"), ("ハリソン・フォード", "Harrison Ford"), ("メリル・ストリープ", "Meryl Streep"),
    ("デンゼル・ワシントン", "Denzel Washington"), ("ジョニー・デップ", "Johnny Depp"), ("グレース・ケリー", "Grace Kelly"),
    ("ウォルト・ディズニー", "Walt Disney"), ("ネイサン・ロー", "Nathan Law"), ("ラルフ・ネーダー", "Ralph Nader"),
    ("ルーシー・リウ", "Lucy Liu"),
))


def main(args: list[str]) -> None:
    sets = [("development", list(DEVELOPMENT), 0), ("second development", list(DEVELOPMENT_SECOND), 0)]
    if "held" in args:
        sets.append(("held", list(HELD), 0))
    run_sets(sets)


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
