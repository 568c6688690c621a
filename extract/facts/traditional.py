"""Traditional → simplified Chinese, one character to one character (spans stay valid).

Covers the characters of units, numerals, dates and the common words of environmental, financial and statistical
documents that counties re-post from traditional-character web pages ("412.34萬噸", "處理率", "縣域"). Characters
that are also ordinary simplified characters with another use (著, 乾, 覆, 瞭 as in 瞭望塔, 藉, 徵, 鍾) are left alone.
"""
from __future__ import annotations

from extract.charmap import CharMap

TRADITIONAL = (
    "萬億噸畝頃處縣點區達優類質體環態發時間來網張條項個戶臺輛場園綠無與為爲設備務總計劃規報數據監測標準級"
    "費資額預決議會記錄紀號週後實際產業農漁種積淨汙廢氣聲飲礦護補償轉財專維運營築壩廠庫鄉鎮組織領導員長書"
    "檢驗評價審覈復彙匯編統圖單兩參貳陸圓釐裡裏電啟動開關於對並將從當應該這過還進遠邊屬養糞藥雙層斷採樣濃"
    "輕災險風塵綫線車鐵橋灣濕溼灘塊幣銀帳賬貨購買賣撥憑證簽蓋門們機構興舉辦習學訊諮詢請讓認識調閱覽綜狀況"
    "傳響陽陰雲嶺東華國蘇滿漢寧陝貴廣黃遼齊魯閩贛晉瓊濟經稅貸權歸範製較減損變擴續勢強厲嚴許罰違責問題顯現"
    "離隊衛醫療藝術歷曆壓廳縮協穩鬥節約繫係辭劑濾淺灑澤滅潔燒熱燈爐牆壞墾壟墳歲憲懷戰擔擬攝敵斂寫寬屆峽幾"
    "廈彈徑倉傷僅儲兒內凍勞勵卻吳嗎團圍堅塗夠奪奮媽孫寶尋嶼師帶幫廟彌慶憂懸戲掃掛揮搶擁擊攜敗昇暫曉棄楊極"
    "槍樂樹橫檔歐殘殺殼沒溝滬滯漲漿潛澆濱瀏爭牽獎獨獲璽畫盡盤碼確禮禦稱穀窮競筆簡糧糾紅納紙細終結給絡絕綱"
    "緊緒緣緩練縱績繳繪聯聽職脅腦臨舊艙莊葉蒐蔣薦藍蘭虛蟲衝裝複見視親覺觀訂訓託訴診詞試詳誌語誤說課談論諸"
    "謀講謝譜讀讚豐貝負貢貫貿賀賓賽贊趙趕跡踐軍軟載輔輸迴連遊遙適遲選遺郵鄰釋針鈔銷鋼錢錯鍵鎖鏈閉閒閘閥闊"
    "闡陣陳階隨隱雖雜雞難霧靈靜頁頂順須頻顏顧飛飯餘館駐髒鬧魚鳥鹽麥黨齡龍樓溫島嶽佈佔併俠倫偉傑債僱儀兇則"
    "剛創劇劉勁勝厭叢吶喪囑墊壇奧婦孿屍峯帥幹廬彎彥恆悅惡愛愷慣戀拋挾揚換撐擠擾攔敘斬晝暈曬棧檯櫃歡氫湯滲"
    "滷漚漸潤澇濁濤濫瀉灤煙煉燦燭牠犧猶獸瑪甕疊癒礎禪窯竄筍箏紋純紗絲緯繩罈罷羅義聖聞肅脈腫膠膽臉艦艱莖蔥"
    "蘆蘋蘿蝦蠶衆襲觸詩誕諾謂譯豬貓賈賴賺贈贏趨躍輪轄辯遞鄭醬釀鉛銅鋁鍋鐘鑒鑑闆隸雛韓頓頭頸顆願飄飼飽餵饑"
    "騰驅驟髮鬆鮮鳳鴨鵝麗麼齒龜廁埡壺嘯嶗灃瀋縉隴淵溈滸瀘烏爾喬稈穫藴蘊菸氾"
)
SIMPLIFIED = (
    "万亿吨亩顷处县点区达优类质体环态发时间来网张条项个户台辆场园绿无与为为设备务总计划规报数据监测标准级"
    "费资额预决议会记录纪号周后实际产业农渔种积净污废气声饮矿护补偿转财专维运营筑坝厂库乡镇组织领导员长书"
    "检验评价审核复汇汇编统图单两参贰陆圆厘里里电启动开关于对并将从当应该这过还进远边属养粪药双层断采样浓"
    "轻灾险风尘线线车铁桥湾湿湿滩块币银账账货购买卖拨凭证签盖门们机构兴举办习学讯咨询请让认识调阅览综状况"
    "传响阳阴云岭东华国苏满汉宁陕贵广黄辽齐鲁闽赣晋琼济经税贷权归范制较减损变扩续势强厉严许罚违责问题显现"
    "离队卫医疗艺术历历压厅缩协稳斗节约系系辞剂滤浅洒泽灭洁烧热灯炉墙坏垦垄坟岁宪怀战担拟摄敌敛写宽届峡几"
    "厦弹径仓伤仅储儿内冻劳励却吴吗团围坚涂够夺奋妈孙宝寻屿师带帮庙弥庆忧悬戏扫挂挥抢拥击携败升暂晓弃杨极"
    "枪乐树横档欧残杀壳没沟沪滞涨浆潜浇滨浏争牵奖独获玺画尽盘码确礼御称谷穷竞笔简粮纠红纳纸细终结给络绝纲"
    "紧绪缘缓练纵绩缴绘联听职胁脑临旧舱庄叶搜蒋荐蓝兰虚虫冲装复见视亲觉观订训托诉诊词试详志语误说课谈论诸"
    "谋讲谢谱读赞丰贝负贡贯贸贺宾赛赞赵赶迹践军软载辅输回连游遥适迟选遗邮邻释针钞销钢钱错键锁链闭闲闸阀阔"
    "阐阵陈阶随隐虽杂鸡难雾灵静页顶顺须频颜顾飞饭余馆驻脏闹鱼鸟盐麦党龄龙楼温岛岳布占并侠伦伟杰债雇仪凶则"
    "刚创剧刘劲胜厌丛呐丧嘱垫坛奥妇孪尸峰帅干庐弯彦恒悦恶爱恺惯恋抛挟扬换撑挤扰拦叙斩昼晕晒栈台柜欢氢汤渗"
    "卤沤渐润涝浊涛滥泻滦烟炼灿烛它牺犹兽玛瓮叠愈础禅窑窜笋筝纹纯纱丝纬绳坛罢罗义圣闻肃脉肿胶胆脸舰艰茎葱"
    "芦苹萝虾蚕众袭触诗诞诺谓译猪猫贾赖赚赠赢趋跃轮辖辩递郑酱酿铅铜铝锅钟鉴鉴板隶雏韩顿头颈颗愿飘饲饱喂饥"
    "腾驱骤发松鲜凤鸭鹅丽么齿龟厕垭壶啸崂沣沈缙陇渊沩浒泸乌尔乔秆获蕴蕴烟泛"
)
if len(TRADITIONAL) != len(SIMPLIFIED) or len(set(TRADITIONAL)) != len(TRADITIONAL):
    raise ValueError("traditional/simplified table must pair one character with one")  # spans would shift

TO_SIMPLIFIED: dict[int, str] = {ord(t): s for t, s in zip(TRADITIONAL, SIMPLIFIED)}
_SIMPLIFY = CharMap(TO_SIMPLIFIED)


def to_simplified(text: str) -> str:
    """Fold the traditional characters of the table to their simplified forms (same length as ``text``)."""
    return _SIMPLIFY(text)
