"""Amounts written in words (toolkit/data/money/numbers.yaml): units, teens, tens, hundreds in the case and
gender the scale word governs, one-word "X and a half" and approximate forms, composed by place value.

Example sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from toolkit.money import parse_money

# (language, text, amount, currency): the one figure parse_money finds in a budget statement.
CASES = [
    # en
    ("en", "The studio spent two hundred and fifty million dollars on it.", 250e6, "USD"),
    ("en", "They made it for a half million dollars.", 0.5e6, "USD"),
    ("en", "The sequel cost nineteen million dollars.", 19e6, "USD"),
    ("en", "The remake cost four hundred and seventy-five million dollars.", 475e6, "USD"),
    ("en", "It earned seventeen thousand pounds.", 17e3, "GBP"),
    # de
    ("de", "Der Film kostete dreieinhalb Millionen Euro.", 3.5e6, "EUR"),
    ("de", "Der Dreh kostete zweieinhalb Millionen Euro.", 2.5e6, "EUR"),
    ("de", "Der Film kostete dreihundertfünfzig Millionen Euro.", 350e6, "EUR"),
    ("de", "Das Budget lag bei elf Millionen Euro.", 11e6, "EUR"),
    ("de", "Die Produktion verschlang siebzig Millionen Dollar.", 70e6, "USD"),
    ("de", "Der Film spielte sechzehn Millionen Dollar ein.", 16e6, "USD"),
    ("de", "Gedreht wurde für siebeneinhalb Millionen Mark.", 7.5e6, "DEM"),
    ("de", "Er kostete zweiundzwanzigeinhalb Millionen Euro.", 22.5e6, "EUR"),
    # ru
    ("ru", "Бюджет составил двести пятьдесят миллионов рублей.", 250e6, "RUB"),
    ("ru", "Фильм собрал семнадцать миллионов долларов.", 17e6, "USD"),
    ("ru", "Бюджет составил полтораста миллионов рублей.", 150e6, "RUB"),
    ("ru", "На съёмки ушло пару миллионов долларов.", 2e6, "USD"),
    ("ru", "Бюджет фильма — четыреста восемьдесят миллионов рублей.", 480e6, "RUB"),
    # fr
    ("fr", "Le film a coûté un demi-million d'euros.", 0.5e6, "EUR"),
    ("fr", "Le film a coûté septante millions d'euros.", 70e6, "EUR"),
    ("fr", "Le budget était de nonante millions d'euros.", 90e6, "EUR"),
    ("fr", "Le film a coûté deux cent cinquante millions d'euros.", 250e6, "EUR"),
    ("fr", "Le tournage a coûté dix-huit millions d'euros.", 18e6, "EUR"),
    # es
    ("es", "La película costó ciento veinte millones de dólares.", 120e6, "USD"),
    ("es", "El presupuesto fue de veintidós millones de euros.", 22e6, "EUR"),
    ("es", "Costó un par de millones de dólares.", 2e6, "USD"),
    ("es", "Recaudó diecinueve millones de dólares.", 19e6, "USD"),
    # it
    ("it", "Il film è costato ventitré milioni di euro.", 23e6, "EUR"),
    ("it", "Il budget era di trentotto milioni di euro.", 38e6, "EUR"),
    ("it", "Il film è costato un paio di milioni di euro.", 2e6, "EUR"),
    ("it", "Ha incassato diciotto milioni di euro.", 18e6, "EUR"),
    ("it", "Il budget era di ventun milioni di dollari.", 21e6, "USD"),
    # pl
    ("pl", "Film kosztował czterdzieści milionów złotych.", 40e6, "PLN"),
    ("pl", "Budżet wyniósł dwanaście milionów złotych.", 12e6, "PLN"),
    ("pl", "Film kosztował czterysta pięćdziesiąt milionów dolarów.", 450e6, "USD"),
    ("pl", "Budżet wyniósł dziewięćdziesiąt milionów złotych.", 90e6, "PLN"),
    ("pl", "Film kosztował siedemset tysięcy złotych.", 700e3, "PLN"),
    # pt
    ("pt", "O filme custou cento e vinte milhões de reais.", 120e6, "BRL"),
    ("pt", "O orçamento foi de dezoito milhões de reais.", 18e6, "BRL"),
    ("pt", "O filme custou tres milhões de dólares.", 3e6, "USD"),
    ("pt", "Arrecadou quatorze milhões de dólares.", 14e6, "USD"),
    # ca
    ("ca", "La pel·lícula va costar vint-i-dos milions d'euros.", 22e6, "EUR"),
    ("ca", "El pressupost va ser de divuit milions d'euros.", 18e6, "EUR"),
    ("ca", "Va costar quatre-centes mil pessetes.", 400e3, "ESP"),
    ("ca", "Va costar un parell de milions d'euros.", 2e6, "EUR"),
    # nl
    ("nl", "De film kostte tweeënhalf miljoen euro.", 2.5e6, "EUR"),
    ("nl", "De film kostte drieënhalf miljoen euro.", 3.5e6, "EUR"),
    ("nl", "De film kostte vierenhalf miljoen euro.", 4.5e6, "EUR"),
    ("nl", "Het budget was achttien miljoen euro.", 18e6, "EUR"),
    ("nl", "Het budget bedroeg elf miljoen euro.", 11e6, "EUR"),
    # sv
    ("sv", "Filmen kostade två och en halv miljon kronor.", 2.5e6, "SEK"),
    ("sv", "Filmen kostade halvannan miljon kronor.", 1.5e6, "SEK"),
    ("sv", "Budgeten var tvåhundrafemtio miljoner kronor.", 250e6, "SEK"),
    ("sv", "Filmen kostade fyrtiofem miljoner kronor.", 45e6, "SEK"),
    # fi
    ("fi", "Elokuva maksoi neljäkymmentä miljoonaa euroa.", 40e6, "EUR"),
    ("fi", "Budjetti oli kaksisataa miljoonaa euroa.", 200e6, "EUR"),
    ("fi", "Elokuva maksoi pari miljoonaa euroa.", 2e6, "EUR"),
    ("fi", "Budjetti oli kaksitoista miljoonaa euroa.", 12e6, "EUR"),
    ("fi", "Budjetti oli kaksisataaviisikymmentä miljoonaa euroa.", 250e6, "EUR"),
    ("fi", "Elokuva tehtiin kolmesataa tuhatta euroa.", 300e3, "EUR"),
    # fi: the cases a budget puts a number in, teens and tens agreeing in case, "about three"
    ("fi", "Elokuva tehtiin viidellätoista miljoonalla dollarilla.", 15e6, "USD"),
    ("fi", "Kustannukset jäivät kahteen miljoonaan puntaan.", 2e6, "GBP"),
    ("fi", "Puhutaan noin puolesta miljoonasta markasta.", 0.5e6, "FIM"),
    ("fi", "Elokuva tehtiin kahdellakymmenellä miljoonalla eurolla.", 20e6, "EUR"),
    ("fi", "Hinta olisi noussut lähes viiteen miljoonaan euroon.", 5e6, "EUR"),
    ("fi", "Kolmisen miljoonaa dollaria oli iso raha.", 3e6, "USD"),
    ("fi", "Budjetti oli kaksikymmentäviisi miljoonaa euroa.", 25e6, "EUR"),
    # cs
    ("cs", "Film stál čtyři sta milionů korun.", 400e6, "CZK"),
    ("cs", "Rozpočet byl dvanáct milionů korun.", 12e6, "CZK"),
    ("cs", "Film stál osmnáct milionů dolarů.", 18e6, "USD"),
    ("cs", "Rozpočet činil šest set tisíc korun.", 600e3, "CZK"),
    # sk
    ("sk", "Film stál šesťdesiat miliónov eur.", 60e6, "EUR"),
    ("sk", "Rozpočet bol štyristo tisíc eur.", 400e3, "EUR"),
    ("sk", "Film stál dvanásť miliónov eur.", 12e6, "EUR"),
    ("sk", "Film stál dvesto päťdesiat miliónov korún.", 250e6, "SKK"),
    # tr
    ("tr", "Film kırk bin lira harcadı.", 40e3, "TRY"),
    ("tr", "Yapımcı kırk beş milyon lira harcadı.", 45e6, "TRY"),
    ("tr", "Film altmış milyon dolar hasılat yaptı.", 60e6, "USD"),
    ("tr", "Bütçe doksan milyon lira oldu.", 90e6, "TRY"),
    ("tr", "Yapım yetmiş beş milyon lira tuttu.", 75e6, "TRY"),
    ("tr", "Film seksen bin lira harcadı.", 80e3, "TRY"),
    # ar
    ("ar", "بلغت ميزانية الفيلم أحد عشر مليون دولار.", 11e6, "USD"),
    ("ar", "كلف الفيلم مائتي مليون دولار.", 200e6, "USD"),
    ("ar", "بلغت الميزانية اربعون مليون دولار.", 40e6, "USD"),
    # uk
    ("uk", "Фільм коштував сімнадцять мільйонів гривень.", 17e6, "UAH"),
    ("uk", "Бюджет склав чотириста мільйонів гривень.", 400e6, "UAH"),
    ("uk", "Фільм зібрав дев’ятнадцять мільйонів доларів.", 19e6, "USD"),
    ("uk", "Бюджет склав двісті п'ятдесят мільйонів гривень.", 250e6, "UAH"),
    ("uk", "Фільм коштував пʼятсот тисяч доларів.", 500e3, "USD"),
    # hi
    ("hi", "फ़िल्म का बजट बीस करोड़ रुपये था।", 20e7, "INR"),
    ("hi", "फ़िल्म ने पचास करोड़ रुपये कमाए।", 50e7, "INR"),
    ("hi", "फ़िल्म का बजट सात करोड़ रुपये था।", 7e7, "INR"),
    ("hi", "फ़िल्म का बजट साढ़े तीन करोड़ रुपये था।", 3.5e7, "INR"),
    ("hi", "फ़िल्म का बजट साढ़े तीन सौ करोड़ रुपये था।", 350e7, "INR"),
    # he
    ("he", "הסרט עלה ארבע מאות מיליון דולר.", 400e6, "USD"),
    ("he", "תקציב הסרט היה אחד עשר מיליון שקלים.", 11e6, "ILS"),
    ("he", "הסרט הכניס שבע מאות אלף דולר.", 700e3, "USD"),
    ("he", "הסרט הופק בכמיליון וחצי שקלים.", 1.5e6, "ILS"),  # "for about" joined to the word
    ("he", "התקציב הוערך בכשלוש מאות אלף דולר.", 300e3, "USD"),
    # el
    ("el", "Η παραγωγή κόστισε τριακόσιες χιλιάδες δραχμές.", 300e3, "GRD"),
    ("el", "Ο προϋπολογισμός ήταν τετρακόσια εκατομμύρια δραχμές.", 400e6, "GRD"),
    ("el", "Η ταινία κόστισε δυόμισι εκατομμύρια ευρώ.", 2.5e6, "EUR"),
    ("el", "Η ταινία κόστισε εξακόσιες χιλιάδες ευρώ.", 600e3, "EUR"),
    ("el", "Η ταινία κόστισε διακόσια πενήντα εκατομμύρια δολάρια.", 250e6, "USD"),
    ("el", "Το κόστος έφτασε τα εννιακόσια εκατομμύρια δραχμές.", 900e6, "GRD"),
    ("el", "Ο προϋπολογισμός ήταν τριακοσιες χιλιάδες δραχμες.", 300e3, "GRD"),
    ("el", "ΤΟ ΚΟΣΤΟΣ ΗΤΑΝ ΤΕΤΡΑΚΟΣΙΑ ΕΚΑΤΟΜΜΥΡΙΑ ΔΡΑΧΜΕΣ.", 400e6, "GRD"),
    ("el", "Η ταινία κόστισε τρεισήμισι χιλιάδες ευρώ.", 3.5e3, "EUR"),
    ("el", "Η παραγωγή κόστισε καμιά εικοσαριά εκατομμύρια ευρώ.", 20e6, "EUR"),
    # hu
    ("hu", "A film egy fél millió forintba került.", 0.5e6, "HUF"),
    ("hu", "A film háromszázötven millió forintba került.", 350e6, "HUF"),
    ("hu", "A költségvetés negyvenöt millió forint volt.", 45e6, "HUF"),
    # ro
    ("ro", "Filmul a costat trei sute de milioane de lei.", 300e6, "RON"),
    ("ro", "Bugetul a fost de optsprezece milioane de euro.", 18e6, "EUR"),
    ("ro", "Filmul a costat doua milioane de euro.", 2e6, "EUR"),
    ("ro", "Filmul a costat o jumătate de milion de euro.", 0.5e6, "EUR"),
    ("ro", "Bugetul a fost de șaizeci de milioane de dolari.", 60e6, "USD"),
    # et
    ("et", "Film maksis nelikümmend miljonit eurot.", 40e6, "EUR"),
    ("et", "Eelarve oli kakssada miljonit krooni.", 200e6, "EEK"),
    ("et", "Film maksis kaksteist miljonit eurot.", 12e6, "EUR"),
    ("et", "Filmi eelarve oli paar miljonit eurot.", 2e6, "EUR"),
    ("et", "Film maksis kaks ja pool miljonit eurot.", 2.5e6, "EUR"),
    # a scale word that is a number by itself: Estonian, Catalan and Turkish say "a million" with no "one"
    ("et", "Filmi eelarve oli ainult miljon eurot.", 1e6, "EUR"),
    ("et", "Film valmis miljardi krooniga.", 1e9, "EEK"),
    ("ca", "La pel·lícula va costar milió i mig d'euros.", 1.5e6, "EUR"),
    ("tr", "Film milyon dolarlık bir yapım.", 1e6, "USD"),
]


@pytest.mark.parametrize(("language", "text", "amount", "currency"), CASES)
def test_amount_in_words(language: str, text: str, amount: float, currency: str) -> None:
    found = [(m.amount, m.currency) for m in parse_money(text, language=language, about_budget=True)]
    assert found == [(pytest.approx(amount), currency)]
