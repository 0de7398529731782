// The sample catalogue's series: fictional titles, authors and premises written
// for the demo (any resemblance to a real work is accidental). generate-catalogue.mjs
// turns them into volumes and editions.
//
// Fields: slug, en / ja titles, genre, author (en / ja), hero (en / ja),
// premise (en / ja), volumes (how many exist), enVolumes (how many have an
// English edition), demographic tags.
export const SERIES = [
  {
    slug: 'starfall-courier', en: 'Starfall Courier', ja: '星降る配達人', genre: 'sci-fi', author: ['Rena Akagi', '赤城レナ'], hero: ['Haru', 'ハル'],
    premise: ['A teenage courier delivers parcels between orbital colonies and keeps finding letters addressed to people who died a century ago.', '軌道コロニーの間を飛ぶ少年配達人ハルは、百年前に亡くなった人々宛ての手紙を次々と見つけてしまう。'],
    volumes: 8, enVolumes: 5, tags: ['space', 'mystery', 'found family'],
  },
  {
    slug: 'ramen-samurai', en: 'The Last Ramen Samurai', ja: '最後のラーメン侍', genre: 'cooking', author: ['Kenji Morooka', '諸岡健二'], hero: ['Tetsu', '鉄'],
    premise: ['A retired swordsman opens a ramen stall in Edo and settles every duel with a bowl of broth instead of a blade.', '刀を置いた元剣士・鉄が江戸の屋台でラーメンを作り、果たし合いを一杯のスープで決着させる。'],
    volumes: 6, enVolumes: 6, tags: ['food', 'edo period', 'comedy'],
  },
  {
    slug: 'paper-lantern-detective', en: 'Paper Lantern Detective', ja: '提灯探偵', genre: 'mystery', author: ['Sayo Kirishima', '霧島さよ'], hero: ['Oyuki', 'お雪'],
    premise: ['In a lantern-lit river town, a lantern maker solves murders by reading the shadows her lanterns cast at the crime scene.', '提灯職人のお雪は、事件現場に映る提灯の影を読み解いて川沿いの町の殺人事件を解決する。'],
    volumes: 7, enVolumes: 4, tags: ['detective', 'historical', 'puzzle'],
  },
  {
    slug: 'volleyball-lighthouse', en: 'Spike at the Lighthouse', ja: '灯台のスパイク', genre: 'sports', author: ['Daichi Hoshino', '星野大地'], hero: ['Minato', '湊'],
    premise: ['A tiny island high school with only six students enters the national volleyball tournament, practising on the beach below the lighthouse.', '生徒が六人しかいない離島の高校が、灯台下の砂浜で練習を重ねて全国バレーボール大会に挑む。'],
    volumes: 10, enVolumes: 6, tags: ['volleyball', 'high school', 'underdog'],
  },
  {
    slug: 'reborn-as-a-vending-machine', en: 'Reborn as the Dungeon Vending Machine', ja: 'ダンジョンの自販機に転生しました', genre: 'isekai', author: ['Koji Tanabe', '田辺浩二'], hero: ['Yuto', 'ユウト'],
    premise: ['An office worker wakes up in another world as a vending machine on the third floor of a dungeon and must help adventurers using only drinks and snacks.', '会社員のユウトは異世界のダンジョン三階に立つ自販機に転生し、飲み物とお菓子だけで冒険者を助けることになる。'],
    volumes: 9, enVolumes: 7, tags: ['reincarnation', 'comedy', 'dungeon'],
  },
  {
    slug: 'moonlit-greenhouse', en: 'The Moonlit Greenhouse', ja: '月夜の温室', genre: 'josei', author: ['Mio Sakuraba', '桜庭美緒'], hero: ['Shiori', '栞'],
    premise: ['A burnt-out architect inherits her grandmother\'s greenhouse, where the plants only bloom when someone tells them the truth.', '燃え尽きた建築家の栞は祖母の温室を相続する。そこでは、誰かが本当のことを話したときにだけ花が咲く。'],
    volumes: 5, enVolumes: 3, tags: ['healing', 'adult romance', 'plants'],
  },
  {
    slug: 'iron-crow-pilot', en: 'Iron Crow Pilot', ja: '鉄鴉のパイロット', genre: 'mecha', author: ['Goro Ishida', '石田吾郎'], hero: ['Kaede', '楓'],
    premise: ['A scrapyard mechanic rebuilds a banned war robot from spare parts and is drafted into the last squadron defending a flooded Tokyo.', '廃品置き場の整備士・楓は禁止された戦闘ロボを部品から組み直し、水没した東京を守る最後の部隊に招集される。'],
    volumes: 8, enVolumes: 5, tags: ['robots', 'war', 'post-apocalyptic'],
  },
  {
    slug: 'cafe-at-the-end-of-the-line', en: 'The Café at the End of the Line', ja: '終点のカフェ', genre: 'slice-of-life', author: ['Hana Yoshimura', '吉村はな'], hero: ['Aoi', '葵'],
    premise: ['At the last station of a rural railway, a quiet barista serves coffee to passengers who have missed their last train home.', 'ローカル線の終着駅にある小さなカフェで、無口なバリスタの葵が終電を逃した乗客にコーヒーを出す。'],
    volumes: 4, enVolumes: 4, tags: ['coffee', 'trains', 'healing'],
  },
  {
    slug: 'hundred-ghost-dormitory', en: 'Hundred Ghost Dormitory', ja: '百鬼寮', genre: 'horror', author: ['Jin Kuroe', '黒江仁'], hero: ['Ren', '蓮'],
    premise: ['A scholarship student moves into the cheapest dormitory in Kyoto and learns that each of its hundred rooms is rented by a ghost with unfinished business.', '奨学生の蓮が京都で一番安い寮に入ると、百ある部屋にはそれぞれ未練を残した幽霊が住んでいた。'],
    volumes: 6, enVolumes: 3, tags: ['ghosts', 'kyoto', 'supernatural'],
  },
  {
    slug: 'sugar-glass-heart', en: 'Sugar Glass Heart', ja: 'シュガーガラスの心臓', genre: 'shojo', author: ['Yui Hanamura', '花村ゆい'], hero: ['Kokoro', 'こころ'],
    premise: ['A shy candy artist enters a confectionery academy where the top student, her childhood rival, refuses to admit he kept her first sugar sculpture.', '内気な飴細工職人のこころは製菓学園に入学する。首席の幼なじみは、彼女の最初の飴細工を今も持っていることを認めない。'],
    volumes: 7, enVolumes: 5, tags: ['romance', 'school', 'sweets'],
  },
  {
    slug: 'blade-of-the-thousand-gates', en: 'Blade of the Thousand Gates', ja: '千門の刃', genre: 'shonen', author: ['Taiga Omura', '大村大河'], hero: ['Shin', 'シン'],
    premise: ['A boy who can open a door to anywhere once a day joins a guild of gatekeepers hunting the demons that slip through the thousand gates of the capital.', '一日に一度だけどこへでも扉を開ける少年シンは、都の千の門から入り込む鬼を狩る門番ギルドに加わる。'],
    volumes: 12, enVolumes: 8, tags: ['battle', 'demons', 'friendship'],
  },
  {
    slug: 'quiet-sword-of-ishikawa', en: 'The Quiet Sword of Ishikawa', ja: '石川の静かな剣', genre: 'historical', author: ['Masato Hirose', '広瀬正人'], hero: ['Genzo', '源蔵'],
    premise: ['In the final years of the shogunate, a mute swordsmith forges one blade for each side of the war and follows both into battle.', '幕末、口のきけない刀鍛冶・源蔵は戦の両陣営に一振りずつ刀を打ち、その行方を追って戦場へ向かう。'],
    volumes: 5, enVolumes: 2, tags: ['bakumatsu', 'swords', 'drama'],
  },
  {
    slug: 'my-roommate-is-a-kappa', en: 'My Roommate Is a Kappa', ja: 'ルームメイトは河童です', genre: 'comedy', author: ['Nobu Fujisaki', '藤崎のぶ'], hero: ['Takumi', '拓海'],
    premise: ['A college student splits the rent with a kappa who hoards cucumbers, floods the bathroom and is somehow better at job interviews than he is.', '大学生の拓海は河童と家賃を折半する。河童はきゅうりを溜め込み、風呂を水浸しにし、なぜか就職面接が彼より上手い。'],
    volumes: 6, enVolumes: 6, tags: ['yokai', 'roommates', 'gag'],
  },
  {
    slug: 'archive-of-lost-winds', en: 'Archive of Lost Winds', ja: '失われた風の書庫', genre: 'fantasy', author: ['Erika Mizushima', '水島えりか'], hero: ['Lio', 'リオ'],
    premise: ['An apprentice librarian catalogues winds that have stopped blowing, and discovers that the kingdom\'s missing summer wind was stolen on purpose.', '見習い司書リオは吹かなくなった風を書庫に記録している。ある日、王国の夏の風が故意に盗まれたことに気づく。'],
    volumes: 9, enVolumes: 6, tags: ['magic', 'library', 'adventure'],
  },
  {
    slug: 'nightshift-shogi', en: 'Nightshift Shogi', ja: '夜勤の将棋', genre: 'seinen', author: ['Takeshi Oda', '小田武'], hero: ['Kuroda', '黒田'],
    premise: ['A convenience store night clerk who quit professional shogi plays one game a night against whoever walks in, and the stakes keep rising.', 'プロ棋士をやめたコンビニ夜勤の黒田は、来店した客と一晩一局の将棋を指す。賭け金は少しずつ上がっていく。'],
    volumes: 7, enVolumes: 3, tags: ['shogi', 'psychological', 'gambling'],
  },
  {
    slug: 'tanuki-post-office', en: 'The Tanuki Post Office', ja: 'たぬき郵便局', genre: 'slice-of-life', author: ['Chika Ueno', '上野ちか'], hero: ['Pon', 'ポン'],
    premise: ['A tanuki disguised as a postman runs the only post office in a mountain village and delivers letters between humans and spirits.', '郵便局員に化けたたぬきのポンが山村ただ一つの郵便局を営み、人と精霊の間で手紙を届ける。'],
    volumes: 4, enVolumes: 4, tags: ['yokai', 'countryside', 'heartwarming'],
  },
  {
    slug: 'crimson-ledger', en: 'Crimson Ledger', ja: '深紅の帳簿', genre: 'seinen', author: ['Sho Amamiya', '雨宮翔'], hero: ['Ikki', '一輝'],
    premise: ['An accountant for a Yokohama crime family secretly audits its books to find out which of the bosses ordered his father\'s disappearance.', '横浜の裏社会で会計係を務める一輝は、父の失踪を命じた幹部を突き止めるため、密かに組の帳簿を監査する。'],
    volumes: 6, enVolumes: 4, tags: ['crime', 'thriller', 'yakuza'],
  },
  {
    slug: 'snow-fox-bride', en: 'Bride of the Snow Fox', ja: '雪狐の花嫁', genre: 'romance', author: ['Aya Shiraishi', '白石あや'], hero: ['Sayuri', '小百合'],
    premise: ['To save her village from an endless winter, a weaver agrees to marry the fox spirit of the mountain, who turns out to be terrible at being feared.', '終わらない冬から村を救うため、機織りの小百合は山の狐神に嫁ぐ。ところが狐神は恐れられるのがとても下手だった。'],
    volumes: 8, enVolumes: 6, tags: ['fantasy romance', 'yokai', 'winter'],
  },
  {
    slug: 'pixel-knights-online', en: 'Pixel Knights Online', ja: 'ピクセルナイツ・オンライン', genre: 'isekai', author: ['Ryo Kanzaki', '神崎涼'], hero: ['Sora', 'ソラ'],
    premise: ['Trapped inside a retro 8-bit online game, a speedrunner uses glitches everyone else is afraid of to free the other players.', 'レトロな8ビットのオンラインゲームに閉じ込められたスピードランナーのソラは、誰もが恐れるバグ技で仲間を救い出す。'],
    volumes: 10, enVolumes: 7, tags: ['game world', 'action', 'retro'],
  },
  {
    slug: 'kintsugi-clinic', en: 'Kintsugi Clinic', ja: '金継ぎ診療所', genre: 'josei', author: ['Nao Takeuchi', '竹内なお'], hero: ['Dr. Emi', '恵美先生'],
    premise: ['A doctor who repairs pottery with gold on her days off runs a small clinic where every patient brings a broken object and a story.', '休日には金継ぎで器を直す医師・恵美が小さな診療所を開く。患者は皆、壊れた物と物語を持ってやって来る。'],
    volumes: 5, enVolumes: 3, tags: ['medical', 'healing', 'craft'],
  },
  {
    slug: 'thunder-drum-club', en: 'Thunder Drum Club', ja: '雷太鼓部', genre: 'sports', author: ['Yusuke Nagai', '永井雄介'], hero: ['Goro', '吾郎'],
    premise: ['A delinquent who only wanted somewhere to sleep joins his school\'s failing taiko club and discovers he can make a whole stadium feel the beat.', '昼寝の場所が欲しかっただけの不良・吾郎は廃部寸前の和太鼓部に入り、スタジアム中を震わせる才能に目覚める。'],
    volumes: 6, enVolumes: 4, tags: ['music', 'club', 'competition'],
  },
  {
    slug: 'clockwork-okami', en: 'Clockwork Okami', ja: 'からくり狼', genre: 'fantasy', author: ['Hideo Mikami', '三上英夫'], hero: ['Tsubaki', '椿'],
    premise: ['A runaway princess and a wolf made of clockwork cross a steam-powered Japan to wind the great clock that keeps the gods asleep.', '逃げ出した姫・椿とからくり仕掛けの狼が、神々を眠らせる大時計のぜんまいを巻くため蒸気の国を旅する。'],
    volumes: 7, enVolumes: 5, tags: ['steampunk', 'journey', 'gods'],
  },
  {
    slug: 'after-school-exorcist-club', en: 'After-School Exorcist Club', ja: '放課後エクソシスト部', genre: 'shonen', author: ['Kazuki Endo', '遠藤和樹'], hero: ['Hikaru', 'ヒカル'],
    premise: ['Three students with useless psychic powers run an exorcism club that mostly deals with haunted vending machines, until a real curse arrives.', '役に立たない霊能力を持つ三人の生徒が除霊部を作る。相手は呪われた自販機ばかりだったが、ある日本物の呪いが現れる。'],
    volumes: 9, enVolumes: 5, tags: ['supernatural', 'school', 'action comedy'],
  },
  {
    slug: 'harbor-of-small-lights', en: 'Harbor of Small Lights', ja: '小さな灯りの港', genre: 'slice-of-life', author: ['Mariko Sone', '曽根まりこ'], hero: ['Nanami', '七海'],
    premise: ['A girl who returns to her fishing hometown after failing in Tokyo helps her grandfather restore his boat and finds new friends along the harbor.', '東京で挫折した七海は漁師町に帰り、祖父の船を直しながら港で新しい仲間と出会う。'],
    volumes: 5, enVolumes: 2, tags: ['hometown', 'sea', 'coming of age'],
  },
  {
    slug: 'gravity-bento', en: 'Zero-Gravity Bento', ja: '無重力弁当', genre: 'cooking', author: ['Akiko Murata', '村田明子'], hero: ['Chef Mori', '森シェフ'],
    premise: ['The first chef on a lunar research base invents bento that work without gravity, feeding astronauts homesick for Japanese food.', '月面研究基地に派遣された最初の料理人・森が、無重力でも食べられる弁当を考案し、和食が恋しい宇宙飛行士たちを支える。'],
    volumes: 4, enVolumes: 4, tags: ['food', 'space', 'workplace'],
  },
  {
    slug: 'the-seventh-vending-sister', en: 'Seven Sisters of the Shrine', ja: '神社の七姉妹', genre: 'comedy', author: ['Tomo Asakura', '朝倉とも'], hero: ['Ichika', '一花'],
    premise: ['Seven sisters inherit a shrine with no visitors and try every marketing trick they can think of to stop it from being sold.', '参拝客ゼロの神社を継いだ七姉妹が、売却を阻止するためにありとあらゆる宣伝作戦に挑む。'],
    volumes: 8, enVolumes: 4, tags: ['family', 'shrine', 'gag'],
  },
  {
    slug: 'whispering-mangaka', en: 'The Whispering Mangaka', ja: 'ささやく漫画家', genre: 'horror', author: ['Ichiro Sagawa', '佐川一郎'], hero: ['Mr. Kaneda', '金田先生'],
    premise: ['Every page a reclusive horror artist draws comes true the following night, and his new assistant is the only one who has noticed.', '人付き合いを避けるホラー漫画家が描いたページは、翌晩すべて現実になる。それに気づいたのは新人アシスタントだけだった。'],
    volumes: 5, enVolumes: 3, tags: ['psychological horror', 'manga industry', 'curse'],
  },
  {
    slug: 'ice-crown-skater', en: 'Ice Crown', ja: 'アイスクラウン', genre: 'sports', author: ['Rin Koizumi', '小泉りん'], hero: ['Yuzuha', 'ゆずは'],
    premise: ['A figure skater who lost her sight in one eye relearns every jump from scratch to reach the world championship.', '片目の視力を失ったフィギュアスケーターのゆずはが、すべてのジャンプを一から学び直し世界選手権を目指す。'],
    volumes: 7, enVolumes: 5, tags: ['figure skating', 'comeback', 'drama'],
  },
  {
    slug: 'demon-lord-part-time', en: 'The Demon Lord Works Part-Time at a Bookstore', ja: '魔王、本屋でバイトする', genre: 'isekai', author: ['Kei Mochizuki', '望月圭'], hero: ['Lord Valg', '魔王ヴァルグ'],
    premise: ['Exiled to modern Japan, a demon lord takes a part-time job at a manga shop and becomes terrifyingly good at recommending books.', '現代日本に追放された魔王ヴァルグは漫画専門店でアルバイトを始め、恐ろしいほど的確に本を薦めるようになる。'],
    volumes: 8, enVolumes: 6, tags: ['reverse isekai', 'bookstore', 'comedy'],
  },
  {
    slug: 'sakura-circuit', en: 'Sakura Circuit', ja: 'サクラ・サーキット', genre: 'sci-fi', author: ['Hiroshi Natsume', '夏目洋'], hero: ['Sakura-7', 'サクラ7号'],
    premise: ['An android built to guide tourists through Kyoto develops a fear of the cherry blossoms falling, and starts asking why things end.', '京都の観光案内用に作られたアンドロイドのサクラ7号は、散る桜を怖がるようになり、物事がなぜ終わるのかを問い始める。'],
    volumes: 6, enVolumes: 4, tags: ['android', 'philosophy', 'kyoto'],
  },
  {
    slug: 'last-train-to-yomi', en: 'Last Train to Yomi', ja: '黄泉行き最終列車', genre: 'horror', author: ['Asuka Kamiya', '神谷あすか'], hero: ['Mei', '芽衣'],
    premise: ['A commuter falls asleep on the last train and wakes on a line that runs to the land of the dead, with one stop to change her fate.', '終電で眠り込んだ芽衣が目覚めると、列車は黄泉の国へ向かう路線を走っていた。運命を変えられる駅は一つだけ。'],
    volumes: 4, enVolumes: 3, tags: ['afterlife', 'trains', 'suspense'],
  },
  {
    slug: 'dragon-tax-office', en: 'Dragon Tax Office', ja: 'ドラゴン税務署', genre: 'fantasy', author: ['Shun Kataoka', '片岡俊'], hero: ['Inspector Mira', 'ミラ調査官'],
    premise: ['A tax inspector in a fantasy kingdom must audit a dragon that has not declared its hoard for four hundred years.', 'ファンタジー王国の税務調査官ミラは、四百年間財宝を申告していないドラゴンの税務調査を命じられる。'],
    volumes: 6, enVolumes: 5, tags: ['workplace', 'dragons', 'comedy'],
  },
  {
    slug: 'indigo-dye-letters', en: 'Letters in Indigo', ja: '藍染めの手紙', genre: 'josei', author: ['Keiko Nishida', '西田恵子'], hero: ['Fumi', '史'],
    premise: ['An indigo dyer in Tokushima finds love letters hidden in the kimono she is restoring and sets out to deliver them seventy years late.', '徳島の藍染め職人・史は修復中の着物から恋文を見つけ、七十年遅れでそれを届けに出る。'],
    volumes: 4, enVolumes: 2, tags: ['craft', 'romance', 'history'],
  },
  {
    slug: 'mecha-maid-unit', en: 'Mecha Maid Unit', ja: 'メカメイド隊', genre: 'mecha', author: ['Joji Matsuda', '松田譲二'], hero: ['Captain Rui', 'ルイ隊長'],
    premise: ['A squad of cafe maids pilots giant robots on weekends to defend Akihabara from invading toy-sized aliens.', 'メイドカフェの店員たちが週末だけ巨大ロボに乗り込み、おもちゃサイズの侵略者から秋葉原を守る。'],
    volumes: 7, enVolumes: 5, tags: ['robots', 'akihabara', 'action comedy'],
  },
  {
    slug: 'bonsai-ronin', en: 'Bonsai Ronin', ja: '盆栽浪人', genre: 'historical', author: ['Tadashi Kuroki', '黒木正'], hero: ['Hyoe', '兵衛'],
    premise: ['A masterless samurai carries a single bonsai tree across Japan, promising to plant it where his lord wished to be buried.', '主君を失った侍・兵衛は一本の盆栽を背負い、主君が眠りたいと願った地に植えるため日本を旅する。'],
    volumes: 5, enVolumes: 3, tags: ['samurai', 'journey', 'edo period'],
  },
  {
    slug: 'cosmic-idol-academy', en: 'Cosmic Idol Academy', ja: 'コズミックアイドル学園', genre: 'shojo', author: ['Momo Aizawa', '相沢もも'], hero: ['Hoshino', 'ほしの'],
    premise: ['A girl from a farming colony on Mars wins a scholarship to the galaxy\'s top idol academy, where every performance is broadcast to a billion fans.', '火星の農業コロニー出身のほしのは銀河一のアイドル学園に奨学生として入学する。そこでは全公演が十億人に中継される。'],
    volumes: 9, enVolumes: 6, tags: ['idols', 'space', 'friendship'],
  },
  {
    slug: 'shadow-cartographer', en: 'The Shadow Cartographer', ja: '影の地図師', genre: 'fantasy', author: ['Yuki Aoyama', '青山雪'], hero: ['Kai', 'カイ'],
    premise: ['A mapmaker who can draw the places that exist only at night is hired to chart the labyrinth beneath the royal city.', '夜にしか存在しない場所を地図にできる地図師カイは、王都の地下に広がる迷宮の測量を依頼される。'],
    volumes: 6, enVolumes: 4, tags: ['dark fantasy', 'exploration', 'magic'],
  },
  {
    slug: 'karaoke-kingdom', en: 'Karaoke Kingdom', ja: 'カラオケ王国', genre: 'comedy', author: ['Daisuke Ono', '小野大輔介'], hero: ['Manager Hide', 'ヒデ店長'],
    premise: ['The staff of a struggling karaoke box in Osaka compete in a citywide singing war to save the shop from a corporate chain.', '大阪の傾きかけたカラオケ店の店員たちが、大手チェーンから店を守るため街中の歌合戦に挑む。'],
    volumes: 5, enVolumes: 3, tags: ['music', 'osaka', 'workplace'],
  },
  {
    slug: 'origami-war', en: 'Origami War', ja: '折り紙戦争', genre: 'shonen', author: ['Ren Tsukishima', '月島蓮'], hero: ['Tsubasa', '翼'],
    premise: ['In a world where folded paper comes alive, a boy with clumsy hands must master the thousand-fold crane before the paper empire burns.', '折った紙に命が宿る世界で、不器用な少年・翼は紙の帝国が燃え尽きる前に千回折りの鶴を習得しなければならない。'],
    volumes: 11, enVolumes: 7, tags: ['battle', 'craft magic', 'adventure'],
  },
  {
    slug: 'tea-house-oracle', en: 'Oracle of the Tea House', ja: '茶屋の占い師', genre: 'mystery', author: ['Kaori Yamane', '山根かおり'], hero: ['Madam Tae', '妙'],
    premise: ['A fortune-teller in a Meiji-era tea house solves the crimes of high society by reading the tea leaves her clients leave behind.', '明治の茶屋で占い師を営む妙は、客が残した茶葉を読み解いて上流社会の事件を解決する。'],
    volumes: 6, enVolumes: 3, tags: ['meiji era', 'detective', 'fortune telling'],
  },
];

// Per-volume arcs, written once and assigned deterministically by the generator.
export const ARCS = [
  ['meets a rival who knows a secret from the past', '過去の秘密を知るライバルと出会う'],
  ['travels north to a town buried in snow', '雪に埋もれた北の町へ旅立つ'],
  ['must choose between duty and an old friendship', '使命と古い友情のどちらかを選ばなければならない'],
  ['uncovers who has been lying from the very first chapter', '第一話から嘘をついていた人物の正体を暴く'],
  ['loses everything in a single night and starts again', '一夜ですべてを失い、ゼロからやり直す'],
  ['forms an uneasy alliance with a former enemy', 'かつての敵と危うい同盟を結ぶ'],
  ['faces the hardest test yet in front of the whole city', '街中が見守る中で最大の試練に挑む'],
  ['learns the truth about a missing parent', '行方不明の親についての真実を知る'],
  ['spends a quiet summer festival that changes everything', 'すべてを変える静かな夏祭りを過ごす'],
  ['is betrayed by someone close and must win back trust', '身近な人に裏切られ、信頼を取り戻さなければならない'],
  ['discovers a hidden power with a terrible price', '恐ろしい代償を伴う隠された力に目覚める'],
  ['returns home to settle an old promise', '古い約束を果たすため故郷に帰る'],
];
