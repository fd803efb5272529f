"""A second, independent check of Arabic and Persian script: OFAC entries as an Arabic or Persian document writes them.

    .venv/bin/python -m benchmarks.screening.ar_check          # half A (development: its misses are printed)
    .venv/bin/python -m benchmarks.screening.ar_check held     # half B too (run at a round's start and end only)

The UN list is the only shared file with Arabic beside Latin, and its half A no longer tells anything (it
is nearly all found). These pairs were written from general knowledge of Arabic and Persian spelling, for
real OFAC SDN entries whose list name is Latin only, before any of them was run: persons as a passport,
a contract or a newspaper writes them (Persian ی and ک for Iranians, the article joined, ibn / bin), and
firms and bodies as they call themselves, which is often a translation (شرکت فولاد خراسان = KHORASAN STEEL
COMPANY). Every original-script alias is taken out of the index, so the only way to the entry is across
scripts; all other lists stay in, so namesakes compete. A pair counts when the first hit is the entry's
party. Half A / half B by a CRC of the Latin name.
"""

from __future__ import annotations

from dataclasses import replace

from benchmarks.screening.data import load_lists
from benchmarks.screening.multiscript import half  # the same CRC split, here of the Latin name
from mamoru.screening.engine import Query, Screener
from mamoru.screening.entries import ListEntry
from mamoru.screening.names import name_form
from mamoru.screening.policy import DEFAULT_THRESHOLDS

PAIRS = (
    ("حمید عرب‌نژاد", "ARABNEJAD, Hamid", "person"),
    ("حاتم حمدان العزاوي", "AL-AZAWI, Hatem Hamdan", "person"),
    ("محمد محمودی", "MAHMOUDI, Mohammad", "person"),
    ("حسن عبدالله حرسي التركي", "AL-TURKI, Hassan Abdullah Hersi", "person"),
    ("عبد النور شعلان", "SHALAN, Abd Al Nur", "person"),
    ("أنصار الإسلام", "ANSARUL ISLAM", "organization"),
    ("إبراهيم أحمد عبد الستار محمد التكريتي", "AL-TIKRITI, Ibrahim Ahmad abd al-Sattar Muhammed", "person"),
    ("محمد جلال هلالي", "HILALI, Muhammad Jalal", "person"),
    ("أوس علي", "ALI, Aous", "person"),
    ("حمدي زاهر الدين", "ZAHER EL DINE, Hamdi", "person"),
    ("شرکت بازرگانی بهنام شهریاری", "BEHNAM SHAHRIYARI TRADING COMPANY", "organization"),
    ("لطيف نصيف جاسم الدليمي", "AL-DULAYMI, Latif Nusayyif Jasim", "person"),
    ("بهنام لطفی", "LOTFI, Benham", "person"),
    ("عمر سبعاوي إبراهيم حسن التكريتي", "AL-TIKRITI, Omar Sabawi Ibrahim Hasan", "person"),
    ("پرویز فتاح", "FATTAH, Parviz", "person"),
    ("محمود ذياب الأحمد", "AL-AHMAD, Mahmud Dhiyab", "person"),
    ("عبدالعزیز حقانی", "HAQQANI, Abdul Aziz", "person"),
    ("أحمد إيمان علي", "ALI, Ahmad Iman", "person"),
    ("خالد المرفدي", "AL-MARFADI, Khalid", "person"),
    ("مازن علي حسين", "HUSSEIN, Mazen Ali", "person"),
    ("أحمد يعقوب", "YAQUB, Ahmed", "person"),
    ("فيصل أحمد علي الزهراني", "AL-ZAHRANI, Faysal Ahmad 'Ali", "person"),
    ("صالح محمود فياض", "FAYAD, Saleh Mahmoud", "person"),
    ("عباس خلف كنفذ", "KUNFUTH, Abbas Khalaf", "person"),
    ("علی‌اکبر پورابراهیم", "PUREBRAHIM, Ali Akbar", "person"),
    ("مهندسی برق و نیروی دماوند", "DAMAVAND ELECTRICITY AND POWER ENGINEERING", "organization"),
    ("شركة الهندسة النفطية العربية المحدودة", "ARAB PETROLEUM ENGINEERING COMPANY LTD", "organization"),
    ("عدنان طالب حاسم العامري", "AL-AMIRI, Adnan Talib Hassim", "person"),
    ("عامر رشيد محمد العبيدي", "AL-UBAIDI, Amir Rashid Muhammad", "person"),
    ("أبوكار علي عدن", "ADAN, Abukar Ali", "person"),
    ("طه ياسين رمضان الجزراوي", "AL-JIZRAWI, Taha Yassin Ramadan", "person"),
    ("قاسم الريمي", "AL-RIMI, Qasim", "person"),
    ("إياد سالم", "SALIM, Iyad", "person"),
    ("رنا عليشة", "'ULAYSHAH, Rana", "person"),
    ("علي حسن خليل", "KHALIL, Ali Hassan", "person"),
    ("ملا احمد شاه نورزی", "NOORZAI, Mullah Ahmed Shah", "person"),
    ("قدرت زرگری", "ZARGARI, Ghodrat", "person"),
    ("محمد قاسم", "QASIM, Mohammed", "person"),
    ("ظفر اقبال", "IQBAL, Zafar", "person"),
    ("گروه شهید بابایی", "SHAHID BABA'I GROUP", "organization"),
    ("عطية عبد الرحمن", "ABD AL-RAHMAN, Atiyah", "person"),
    ("جوهر مجيد الدوري", "AL-DURI, Jawhar Majid", "person"),
    ("رشيد رشيد نعمة", "NI'MA, Rashid Rashid", "person"),
    ("صالح العلي", "AL-'ALI, Salih", "person"),
    ("ایرج محمدی کهورین", "KAHVARIN, Iradj Mohammadi", "person"),
    ("عماد عبد الغني الصابوني", "SABOUNI, Imad Abdul-Ghani", "person"),
    ("محمد الشيخ", "AL-SHAYKH, Muhammad", "person"),
    ("ليث الخزعلي", "AL-KHAZALI, Laith", "person"),
    ("بوكو حرام", "BOKO HARAM", "organization"),
    ("زكريا العسلي", "AL-'ASALI, Zakariya", "person"),
    ("راضي عبد السميع أبو اليزيد العياشي", "EL AYASHI, Radi Abd El Samie Abou El Yazid", "person"),
    ("خالد سعيد غبيش العبيدي", "AL-UBAYDI, Khalid Sa'id Ghabish", "person"),
    ("صادق آملی لاریجانی", "LARIJANI, Sadegh Amoli", "person"),
    ("یحیی محمودزاده", "MAHMOODZADEH, Yahya", "person"),
    ("بهزاد محمدی", "MOHAMMADI, Behzad", "person"),
    ("إسماعيل إسماعيل", "ISMAEL, Ismael", "person"),
    ("هيثم أسمر", "ASMAR, Haytham", "person"),
    ("نبيل محمود عساف", "ASSAF, Nabil Mahmoud", "person"),
    ("إياد نظمي صالح خليل", "KHALIL, Iyad Nazmi Salih", "person"),
    ("عماد خليل العلمي", "AL-ALAMI, Imad Khalil", "person"),
    ("مجموعة طعمة الدولية", "TOUMEH INTERNATIONAL GROUP", "organization"),
    ("غسان سفطلي", "SAFTALI, Ghassan", "person"),
    ("رضا ابراهیمی", "EBRAHIMI, Reza", "person"),
    ("سمير عبد العزيز النجم", "AL-NAJIM, Samir abd al-Aziz", "person"),
    ("طه محيي الدين معروف", "MA'RUF, Taha Muhyi-al-Din", "person"),
    ("إسماعيل طاش", "TASH, Ismael", "person"),
    ("گروه ابوریحان", "ABU REIHAN GROUP", "organization"),
    ("محمد خلیل‌زاده", "KHALILZADEH, Mohammad", "person"),
    ("علي حيدر", "HAIDAR, Ali", "person"),
    ("عبد الله أسعد طحيني", "TAHINI, Abdallah Asad", "person"),
    ("عبدالله اصغرزاده", "ASGHARZADEH, Abdollah", "person"),
    ("مهرداد اخلاقی کتابچی", "KETABACHI, Mehrdada Akhlaghi", "person"),
    ("وليد أحمد زين", "ZEIN, Waleed Ahmed", "person"),
    ("أكرم زينل", "ZAINAL, Akram", "person"),
    ("محمود زنبوعة", "ZANBU'AH, Mahmud", "person"),
    ("حامد رجا شلاح التكريتي", "AL-TIKRITI, Hamid Raja Shalah", "person"),
    ("سپاه پاسداران انقلاب اسلامی", "ISLAMIC REVOLUTIONARY GUARD CORPS", "organization"),
    ("القوات البحرية العربية السورية", "SYRIAN ARAB NAVY", "organization"),
    ("صرافی حاجی خیرالله حاجی ستار", "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE", "organization"),
    ("نبيل بن محمد بن علي بن عطية", "BEN ATTIA, Nabil Ben Mohamed Ben Ali", "person"),
    ("شرکت فولاد خراسان", "KHORASAN STEEL COMPANY", "organization"),
    ("شرکت کاشی پارس", "PARS TILE COMPANY", "organization"),
    ("شرکت ابزار برشی کاوه", "KAVEH CUTTING TOOLS COMPANY", "organization"),
    ("صنایع هواپیماسازی ایران", "IRAN AIRCRAFT INDUSTRIES", "organization"),
    ("بنك المستقبل", "FUTURE BANK B.S.C.", "organization"),
    ("مؤسسة الرحمة الخيرية", "RAHMAH CHARITABLE ORGANIZATION", "organization"),
)


def main(held: bool = False) -> None:
    lists = load_lists()
    entries: list[ListEntry] = []
    number: dict[str, int] = {}
    for label, items in lists.items():
        for e in items:
            if label == "OFAC-SDN":
                number.setdefault(e.primary_name, len(entries))
            entries.append(replace(e, aliases=tuple(a for a in e.aliases if a.quality != "original_script")))
    missing = [latin for _, latin, _ in PAIRS if latin not in number]
    if missing:
        raise SystemExit(f"not on the lists: {missing}")
    screener = Screener.build(entries)
    names_of: dict[int, list[int]] = {}
    for n, item in enumerate(screener.index.names):
        names_of.setdefault(item.entry, []).append(n)
    stats = {h: [0, 0, 0, 0, 0] for h in "AB"}  # queries, first, alerted, accepted, retrieved
    for text, latin, kind in PAIRS:
        h = half(latin)
        if h == "B" and not held:
            continue
        entry = number[latin]
        party = screener.parties[entry]
        query = Query(text, kind)
        hits = screener.screen(query, 3)
        first = bool(hits) and hits[0].party == party
        qform = name_form(text, kind)
        accepting = [n for n in names_of[entry]
                     if screener._score(query, qform, screener.index.names[n]).score >= DEFAULT_THRESHOLDS.possible]
        retrieved = bool(set(accepting) & set(screener.candidates(qform)))
        s = stats[h]
        s[0] += 1
        s[1] += first
        s[2] += first and hits[0].score >= DEFAULT_THRESHOLDS.possible
        s[3] += bool(accepting)
        s[4] += retrieved
        if h == "A":
            got = f"{hits[0].matched_name} ({hits[0].score:.2f} {hits[0].comparison.path})" if hits else "nothing"
            note = "" if not accepting or retrieved else " [accepted but not a candidate]"
            print(f"{'ok  ' if first else 'MISS'} {text} → {latin}: got {got}{note}")
    for h, (n, first, alerted, accepted, retrieved) in stats.items():
        if n:
            print(f"half {h}{' (held)' if h == 'B' else ' (development)'}: first hit {first}/{n}, an alert on the "
                  f"right party {alerted}/{n}, candidate recall of accepted {retrieved}/{accepted}")


if __name__ == "__main__":
    import sys

    main("held" in sys.argv[1:])
