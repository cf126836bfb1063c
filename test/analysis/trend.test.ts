// `rasgap trend` against R on a committed fixture (fixtures/trend-export.csv: five financial years,
// the share moved down rising for Learning Disability Support and falling for personal care).
// Every expected value in the block below was printed by R 4.2.2 from the CSV itself:
//   Rscript test/analysis/stats/r/trend.R
// and pasted unchanged (node test/analysis/stats/r/check-pasted.mjs checks it still is). Counts
// must agree exactly; every statistic to 1e-9 relative (absolute where R gives 0).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyse, RasgapError, trend, type TrendReport } from '../../src/index.js';
import { trendTests, type TrendPeriod } from '../../src/analysis/trend.js';
import { expectClose } from './stats/helpers.js';

interface Expected {
  label: string;
  periods: string[];
  n: number[];
  up: number[];
  down: number[];
  unchanged: number[];
  downShareLow: (number | null)[];
  downShareHigh: (number | null)[];
  upShareLow: (number | null)[];
  upShareHigh: (number | null)[];
  unchangedShareLow: (number | null)[];
  unchangedShareHigh: (number | null)[];
  medianGap: (number | null)[];
  medianPctGap: (number | null)[];
  cochranArmitageStatistic: number | null;
  cochranArmitageP: number | null;
  cochranArmitageZ: number | null;
  kendallTau: number | null;
  kendallZ: number | null;
  kendallP: number | null;
}

const FINANCIAL_YEAR: Expected[] = [
  {
    label: 'Learning Disability Support',
    periods: ['2020-21', '2021-22', '2022-23', '2023-24', '2024-25'],
    n: [70, 70, 69, 69, 69],
    up: [12, 14, 11, 13, 14],
    down: [15, 18, 31, 34, 46],
    unchanged: [43, 38, 27, 22, 9],
    downShareLow: [
      0.1343870301710779, 0.16929275741343844, 0.33768855629243716, 0.3783242300928732,
      0.5492647542871832,
    ],
    downShareHigh: [
      0.3239118626347889, 0.37026130147154823, 0.5662123249731188, 0.6079473243736347,
      0.7664894929831328,
    ],
    upShareLow: [
      0.1008772464052925, 0.12304739248362953, 0.09141824277768036, 0.1135474832435597,
      0.12489333067903492,
    ],
    upShareHigh: [
      0.2761664803214543, 0.30816644496253065, 0.2633448171481954, 0.2961293588162841,
      0.31224040244779294,
    ],
    unchangedShareLow: [
      0.49715735589304233, 0.4269825920547558, 0.2848132354273476, 0.2209476045038311,
      0.07016627839603491,
    ],
    unchangedShareHigh: [
      0.719523086984611, 0.654272574024364, 0.5092600815702724, 0.4358412571588688,
      0.22968299939587286,
    ],
    medianGap: [0, 0, 0, 0, -27.07],
    medianPctGap: [0, 0, 0, 0, -6.913526622506967],
    cochranArmitageStatistic: 37.219890261537465,
    cochranArmitageP: 1.055318821957051e-9,
    cochranArmitageZ: 6.100810623313714,
    kendallTau: -0.2038209725603174,
    kendallZ: -4.911100840744621,
    kendallP: 9.056649428573545e-7,
  },
  {
    label: 'Mental Health Support',
    periods: ['2020-21', '2021-22', '2022-23', '2023-24', '2024-25'],
    n: [59, 59, 60, 60, 59],
    up: [11, 12, 18, 14, 14],
    down: [20, 20, 16, 28, 20],
    unchanged: [28, 27, 26, 18, 25],
    downShareLow: [
      0.23137653685587656, 0.23137653685587656, 0.17132640003280547, 0.34627906041438494,
      0.23137653685587656,
    ],
    downShareHigh: [
      0.4662752943307163, 0.4662752943307163, 0.39008713096683634, 0.591065729728421,
      0.4662752943307163,
    ],
    upShareLow: [
      0.10742721942005332, 0.12036272420217203, 0.19898166138769108, 0.14439561736642828,
      0.14694618592462408,
    ],
    upShareHigh: [
      0.30378950446962755, 0.3226801227204991, 0.42508707946914476, 0.3543627037760196,
      0.35974890706402746,
    ],
    unchangedShareLow: [
      0.35265876715068556, 0.33701305851855917, 0.3157239680468676, 0.19898166138769108,
      0.3061272743518869,
    ],
    unchangedShareHigh: [
      0.5996020482998292, 0.5834216338989653, 0.5589656122387443, 0.42508707946914476,
      0.5506551719996571,
    ],
    medianGap: [0, 0, 0, 0, 0],
    medianPctGap: [0, 0, 0, 0, 0],
    cochranArmitageStatistic: 0.4351520152373157,
    cochranArmitageP: 0.5094717008222464,
    cochranArmitageZ: 0.6596605303012419,
    kendallTau: 0.007932368637308597,
    kendallZ: 0.17608644626160047,
    kendallP: 0.860226028867236,
  },
  {
    label: 'Physical Support: Personal care support',
    periods: ['2020-21', '2021-22', '2022-23', '2023-24', '2024-25'],
    n: [79, 79, 79, 79, 80],
    up: [16, 18, 20, 15, 17],
    down: [32, 31, 27, 27, 14],
    unchanged: [31, 30, 32, 37, 49],
    downShareLow: [
      0.3036627826338571, 0.29212865057536735, 0.2467097321902356, 0.2467097321902356,
      0.1072063644097793,
    ],
    downShareHigh: [
      0.5152684600852422, 0.5026600911729451, 0.4515090056749298, 0.4515090056749298,
      0.27257541978831334,
    ],
    upShareLow: [
      0.12869110270706588, 0.1492677468675965, 0.17027863669691795, 0.1185823077975944,
      0.13712386717696148,
    ],
    upShareHigh: [
      0.3039601244794451, 0.331668482260488, 0.3589425943727401, 0.28992641841812977,
      0.3142215573059666,
    ],
    unchangedShareLow: [
      0.29212865057536735, 0.2806649532154275, 0.3036627826338571, 0.3623578415657776,
      0.5029365721075572,
    ],
    unchangedShareHigh: [
      0.5026600911729451, 0.48998128756209824, 0.5152684600852422, 0.5772859060072555,
      0.7117543487469493,
    ],
    medianGap: [0, 0, 0, 0, 0],
    medianPctGap: [0, 0, 0, 0, 0],
    cochranArmitageStatistic: 9.406487822093412,
    cochranArmitageP: 0.0021621899609269796,
    cochranArmitageZ: -3.0669998079708796,
    kendallTau: 0.08820503575093434,
    kendallZ: 2.245121496123396,
    kendallP: 0.024760333980549536,
  },
  {
    label: 'Support with Memory & Cognition',
    periods: ['2020-21', '2021-22', '2022-23', '2023-24', '2024-25'],
    n: [4, 4, 4, 4, 3],
    up: [1, 1, 1, 0, 0],
    down: [2, 0, 1, 1, 3],
    unchanged: [1, 3, 2, 3, 0],
    downShareLow: [
      0.15003898915214955, 0, 0.04558726080970059, 0.04558726080970059, 0.43850296824495466,
    ],
    downShareHigh: [
      0.8499610108478505, 0.4898908364545972, 0.699358157417598, 0.699358157417598, 1,
    ],
    upShareLow: [0.04558726080970059, 0.04558726080970059, 0.04558726080970059, 0, 0],
    upShareHigh: [
      0.699358157417598, 0.699358157417598, 0.699358157417598, 0.4898908364545972,
      0.5614970317550454,
    ],
    unchangedShareLow: [
      0.04558726080970059, 0.300641842582402, 0.15003898915214955, 0.300641842582402, 0,
    ],
    unchangedShareHigh: [
      0.699358157417598, 0.9544127391902995, 0.8499610108478505, 0.9544127391902995,
      0.5614970317550454,
    ],
    medianGap: [-17.49, 0, 0, 0, -45.52],
    medianPctGap: [-4.229427772028669, 0, 0, 0, -17.397906833572748],
    cochranArmitageStatistic: 1.676803221288518,
    cochranArmitageP: 0.19534977130206024,
    cochranArmitageZ: 1.2949143683226771,
    kendallTau: -0.33709299494768263,
    kendallZ: -1.7849531344849623,
    kendallP: 0.07426891894761317,
  },
  {
    label: 'All records',
    periods: ['2020-21', '2021-22', '2022-23', '2023-24', '2024-25'],
    n: [212, 212, 212, 212, 211],
    up: [40, 45, 50, 42, 45],
    down: [69, 69, 75, 90, 83],
    unchanged: [103, 98, 87, 80, 83],
    downShareLow: [
      0.2659924999809476, 0.2659924999809476, 0.29253547684309966, 0.3599182890222348,
      0.32992312028344306,
    ],
    downShareHigh: [
      0.3911632642345177, 0.3911632642345177, 0.42021664993201985, 0.4918247441520205,
      0.4606201005315076,
    ],
    upShareLow: [
      0.1417305313625712, 0.16259349361356948, 0.1837202064001268, 0.15004197222464397,
      0.1633845331406176,
    ],
    upShareHigh: [
      0.24670948048123173, 0.27217682036327867, 0.29738040970976654, 0.256930160472377,
      0.2734094606062497,
    ],
    unchangedShareLow: [
      0.4194233406388714, 0.3964187974662543, 0.34632953770940883, 0.3148382745971923,
      0.32992312028344306,
    ],
    unchangedShareHigh: [
      0.5527784780813015, 0.5294527191208733, 0.47761531418501935, 0.44424415431097247,
      0.4606201005315076,
    ],
    medianGap: [0, 0, 0, 0, 0],
    medianPctGap: [0, 0, 0, 0, 0],
    cochranArmitageStatistic: 5.04538061157029,
    cochranArmitageP: 0.024691682360677314,
    cochranArmitageZ: 2.246192469840973,
    kendallTau: -0.03528161890705455,
    kendallZ: -1.4794972635807864,
    kendallP: 0.13900746216014123,
  },
];
const QUARTER: Expected[] = [
  {
    label: 'Learning Disability Support',
    periods: [
      '2020-21 Q1',
      '2020-21 Q2',
      '2020-21 Q3',
      '2020-21 Q4',
      '2021-22 Q1',
      '2021-22 Q2',
      '2021-22 Q3',
      '2021-22 Q4',
      '2022-23 Q1',
      '2022-23 Q2',
      '2022-23 Q3',
      '2022-23 Q4',
      '2023-24 Q1',
      '2023-24 Q2',
      '2023-24 Q3',
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
      '2024-25 Q4',
    ],
    n: [19, 15, 11, 25, 13, 24, 22, 11, 22, 15, 15, 17, 21, 15, 17, 16, 23, 20, 12, 14],
    up: [3, 3, 1, 5, 2, 5, 4, 3, 4, 2, 2, 3, 3, 2, 5, 3, 7, 3, 3, 1],
    down: [3, 4, 3, 5, 3, 8, 3, 4, 9, 9, 6, 7, 9, 10, 10, 5, 14, 12, 8, 12],
    unchanged: [13, 8, 7, 15, 8, 11, 15, 4, 9, 4, 7, 7, 9, 3, 2, 8, 2, 5, 1, 1],
    downShareLow: [
      0.05520471638534141, 0.10897453325692369, 0.09746059290024896, 0.08860584686802576,
      0.08179528718498563, 0.17972190327297752, 0.047490037140552534, 0.15166471095367584,
      0.2325581619647188, 0.35746830120624606, 0.19824496141341583, 0.21611056790214817,
      0.24469968925375948, 0.41713547738519774, 0.3600544264299979, 0.14164643854782039,
      0.4078552239138172, 0.3865815007622532, 0.39062208887279953, 0.6005862050302966,
    ],
    downShareHigh: [
      0.3756547527032907, 0.5195043405598055, 0.5656453011761291, 0.3913095036954034,
      0.5025637594672749, 0.5329368316186824, 0.33334987166571717, 0.6461988254921511,
      0.6126518152368488, 0.801755038586584, 0.6425316987937539, 0.6399455735700021,
      0.6345344563069328, 0.8482367556028527, 0.7838894320978519, 0.5559564416525933,
      0.7784237720752205, 0.7811934676271829, 0.861879908908787, 0.9599060787285353,
    ],
    upShareLow: [
      0.05520471638534141, 0.07047549346981558, 0.016232172885884844, 0.08860584686802576,
      0.04325817835808126, 0.09244825352851854, 0.0730688458342206, 0.09746059290024896,
      0.0730688458342206, 0.03736125910306536, 0.03736125910306536, 0.06191126637620996,
      0.04981012499725268, 0.03736125910306536, 0.1327998961029523, 0.06591599071428143,
      0.15604024453214027, 0.05236874589621661, 0.08894166839405475, 0.012722215247890925,
    ],
    upShareHigh: [
      0.3756547527032907, 0.45185448715169346, 0.37735843645159556, 0.3913095036954034,
      0.4223463101948253, 0.40470453253188654, 0.3851660743712655, 0.5656453011761291,
      0.3851660743712655, 0.37881982832322353, 0.37881982832322353, 0.41029458568834115,
      0.3463606028062094, 0.37881982832322353, 0.5313311006653983, 0.4300888096197414,
      0.508657562687592, 0.3604188647407569, 0.5323053349335656, 0.31468704424151117,
    ],
    unchangedShareLow: [
      0.4601040767532747, 0.30116980025498397, 0.35380117450784904, 0.40739457358967,
      0.35522891512665694, 0.2789133373121099, 0.4731859774104276, 0.15166471095367584,
      0.2325581619647188, 0.10897453325692369, 0.2480953536573739, 0.21611056790214817,
      0.24469968925375948, 0.07047549346981558, 0.0328797737637927, 0.27999563610326017,
      0.024180004484220367, 0.11186170140766569, 0.01486509440491712, 0.012722215247890925,
    ],
    unchangedShareHigh: [
      0.8463562091220771, 0.7519046463426261, 0.8483352890463244, 0.7659669762225203,
      0.8229029220223743, 0.6492513464108051, 0.8363940681864375, 0.6461988254921511,
      0.6126518152368488, 0.5195043405598055, 0.698830199745016, 0.6399455735700021,
      0.6345344563069328, 0.45185448715169346, 0.34336350594885867, 0.7200043638967398,
      0.2679598107574366, 0.46870087761874396, 0.3538799111411169, 0.31468704424151117,
    ],
    medianGap: [
      0, 0, 0, 0, 0, 0, 0, 0, 0, -37.12, 0, 0, 0, -20.52, -15.92, 0, -21.82, -13.08, -44.11, -44.11,
    ],
    medianPctGap: [
      0, 0, 0, 0, 0, 0, 0, 0, 0, -5.00188705948955, 0, 0, 0, -8.165287732479086, -3.669118924868215,
      0, -8.054809739838904, -4.38075441199764, -11.404890165794233, -9.455749904704762,
    ],
    cochranArmitageStatistic: 36.60456850944184,
    cochranArmitageP: 1.4469221344827543e-9,
    cochranArmitageZ: 6.050170948778376,
    kendallTau: -0.18811975149800036,
    kendallZ: -4.838312469101912,
    kendallP: 1.30946165149207e-6,
  },
  {
    label: 'Mental Health Support',
    periods: [
      '2020-21 Q1',
      '2020-21 Q2',
      '2020-21 Q3',
      '2020-21 Q4',
      '2021-22 Q1',
      '2021-22 Q2',
      '2021-22 Q3',
      '2021-22 Q4',
      '2022-23 Q1',
      '2022-23 Q2',
      '2022-23 Q3',
      '2022-23 Q4',
      '2023-24 Q1',
      '2023-24 Q2',
      '2023-24 Q3',
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
      '2024-25 Q4',
    ],
    n: [13, 23, 10, 13, 15, 12, 14, 18, 12, 10, 21, 17, 14, 15, 13, 18, 15, 19, 13, 12],
    up: [1, 3, 4, 3, 0, 3, 5, 4, 3, 4, 7, 4, 5, 3, 3, 3, 3, 3, 3, 5],
    down: [6, 6, 3, 5, 6, 4, 5, 5, 5, 2, 5, 4, 5, 8, 6, 9, 5, 8, 4, 3],
    unchanged: [6, 14, 3, 5, 9, 5, 4, 9, 4, 4, 9, 9, 4, 4, 4, 6, 7, 8, 6, 4],
    downShareLow: [
      0.2320606780953831, 0.1254861604498635, 0.10779126740630104, 0.17709707797762575,
      0.19824496141341583, 0.13812009109121318, 0.1634473175355414, 0.12499753379553999,
      0.19326031365875665, 0.056682151454375274, 0.1062801302263647, 0.09555044322080115,
      0.1634473175355414, 0.30116980025498397, 0.2320606780953831, 0.2903102150516998,
      0.15176324439714728, 0.23141891282454247, 0.12680703655710515, 0.08894166839405475,
    ],
    downShareHigh: [
      0.7085620428549398, 0.46470004837425366, 0.6032218525388545, 0.644771084873343,
      0.6425316987937539, 0.6093779111272004, 0.6123557689609261, 0.5087265656029744,
      0.6804886874504502, 0.5098375284633582, 0.45091173682950747, 0.4726179811956497,
      0.6123557689609261, 0.7519046463426261, 0.7085620428549398, 0.7096897849483002,
      0.582864522614802, 0.6372409646574495, 0.5763065681945095, 0.5323053349335656,
    ],
    upShareLow: [
      0.013710421242556586, 0.04537659093631236, 0.1681803297062362, 0.08179528718498563, 0,
      0.08894166839405475, 0.1634473175355414, 0.09000928108601693, 0.08894166839405475,
      0.1681803297062362, 0.17194752605083477, 0.09555044322080115, 0.1634473175355414,
      0.07047549346981558, 0.08179528718498563, 0.05836576805861448, 0.07047549346981558,
      0.05520471638534141, 0.08179528718498563, 0.19326031365875665,
    ],
    upShareHigh: [
      0.33313950921099583, 0.3212748227009596, 0.6873262302663417, 0.5025637594672749,
      0.20388330103584854, 0.5323053349335656, 0.6123557689609261, 0.45214584316212614,
      0.5323053349335656, 0.6873262302663417, 0.5462654802574475, 0.4726179811956497,
      0.6123557689609261, 0.45185448715169346, 0.5025637594672749, 0.3922203810391572,
      0.45185448715169346, 0.3756547527032907, 0.5025637594672749, 0.6804886874504502,
    ],
    unchangedShareLow: [
      0.2320606780953831, 0.4078552239138172, 0.10779126740630104, 0.17709707797762575,
      0.35746830120624606, 0.19326031365875665, 0.11721378644576923, 0.2903102150516998,
      0.13812009109121318, 0.1681803297062362, 0.24469968925375948, 0.30963235060004435,
      0.11721378644576923, 0.10897453325692369, 0.12680703655710515, 0.16278774750833694,
      0.2480953536573739, 0.23141891282454247, 0.2320606780953831, 0.13812009109121318,
    ],
    unchangedShareHigh: [
      0.7085620428549398, 0.7784237720752205, 0.6032218525388545, 0.644771084873343,
      0.801755038586584, 0.6804886874504502, 0.5464908432989318, 0.7096897849483002,
      0.6093779111272004, 0.6873262302663417, 0.6345344563069328, 0.7383489355759055,
      0.5464908432989318, 0.5195043405598055, 0.5763065681945095, 0.5625053270405488,
      0.698830199745016, 0.6372409646574495, 0.7085620428549398, 0.6093779111272004,
    ],
    medianGap: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -14.33, 0, -9.445, 0, 0, 0, 0],
    medianPctGap: [
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -4.338478820863434, 0, -1.263325572846465, 0, 0, 0, 0,
    ],
    cochranArmitageStatistic: 0.24278934116113746,
    cochranArmitageP: 0.6221987244961678,
    cochranArmitageZ: 0.4927365839483988,
    kendallTau: 0.016298259071109825,
    kendallZ: 0.3862459567074476,
    kendallP: 0.6993145209582776,
  },
  {
    label: 'Physical Support: Personal care support',
    periods: [
      '2020-21 Q1',
      '2020-21 Q2',
      '2020-21 Q3',
      '2020-21 Q4',
      '2021-22 Q1',
      '2021-22 Q2',
      '2021-22 Q3',
      '2021-22 Q4',
      '2022-23 Q1',
      '2022-23 Q2',
      '2022-23 Q3',
      '2022-23 Q4',
      '2023-24 Q1',
      '2023-24 Q2',
      '2023-24 Q3',
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
      '2024-25 Q4',
    ],
    n: [16, 27, 23, 13, 25, 25, 16, 13, 23, 24, 22, 10, 22, 21, 16, 20, 17, 22, 22, 19],
    up: [4, 2, 8, 2, 5, 6, 5, 2, 7, 1, 7, 5, 5, 4, 3, 3, 6, 4, 3, 4],
    down: [4, 12, 8, 8, 11, 12, 3, 5, 10, 9, 5, 3, 6, 8, 8, 5, 3, 4, 5, 2],
    unchanged: [8, 13, 7, 3, 9, 7, 8, 6, 6, 14, 10, 2, 11, 9, 5, 12, 8, 14, 14, 13],
    downShareLow: [
      0.1018206749121305, 0.27585858177023004, 0.18811275938797736, 0.35522891512665694,
      0.26665638881067355, 0.30031285954112974, 0.06591599071428143, 0.17709707797762575,
      0.25634635325674204, 0.21159367559548778, 0.10123039985248514, 0.10779126740630104,
      0.1315076028798947, 0.20751011368564493, 0.27999563610326017, 0.11186170140766569,
      0.06191126637620996, 0.0730688458342206, 0.10123039985248514, 0.029358560298870167,
    ],
    downShareHigh: [
      0.4949831653550878, 0.6268697548677552, 0.5510966462273699, 0.8229029220223743,
      0.6293266813020123, 0.6650148304964322, 0.4300888096197414, 0.644771084873343,
      0.6318862491498353, 0.5729003755732572, 0.4343995317522171, 0.6032218525388545,
      0.4815173401240238, 0.5912134622488424, 0.7200043638967398, 0.46870087761874396,
      0.41029458568834115, 0.3851660743712655, 0.4343995317522171, 0.31394082711108995,
    ],
    upShareLow: [
      0.1018206749121305, 0.020554654060988647, 0.18811275938797736, 0.04325817835808126,
      0.08860584686802576, 0.11496313693401448, 0.14164643854782039, 0.04325817835808126,
      0.15604024453214027, 0.007393456165505806, 0.1636059318135625, 0.23659309051256402,
      0.10123039985248514, 0.0766756505276179, 0.06591599071428143, 0.05236874589621661,
      0.1730972039724374, 0.0730688458342206, 0.047490037140552534, 0.08507676632916249,
    ],
    upShareHigh: [
      0.4949831653550878, 0.23369592683023147, 0.5510966462273699, 0.4223463101948253,
      0.3913095036954034, 0.4342968335542907, 0.5559564416525933, 0.4223463101948253,
      0.508657562687592, 0.20241806478655933, 0.5268140225895724, 0.763406909487436,
      0.4343995317522171, 0.40000564690204915, 0.4300888096197414, 0.3604188647407569,
      0.5869963651478131, 0.3851660743712655, 0.33334987166571717, 0.43334278443814156,
    ],
    unchangedShareLow: [
      0.27999563610326017, 0.3074322697621847, 0.15604024453214027, 0.08179528718498563,
      0.20247880774458224, 0.14283853850956565, 0.27999563610326017, 0.2320606780953831,
      0.1254861604498635, 0.3883466586522876, 0.2692029418081332, 0.056682151454375274,
      0.30722106273725025, 0.24469968925375948, 0.14164643854782039, 0.3865815007622532,
      0.2616510644240944, 0.4295170809013102, 0.4295170809013102, 0.4601040767532747,
    ],
    unchangedShareHigh: [
      0.7200043638967398, 0.6601438424504771, 0.508657562687592, 0.5025637594672749,
      0.5548150225183514, 0.47576605190361576, 0.7200043638967398, 0.7085620428549398,
      0.46470004837425366, 0.7553239739018823, 0.6534020467926506, 0.5098375284633582,
      0.6927789372627497, 0.6345344563069328, 0.5559564416525933, 0.7811934676271829,
      0.6903676493999557, 0.8026679532963387, 0.8026679532963387, 0.8463562091220771,
    ],
    medianGap: [0, 0, 0, -15.95, 0, 0, 0, 0, 0, 0, 0, 2.275, 0, 0, -1.745, 0, 0, 0, 0, 0],
    medianPctGap: [
      0, 0, 0, -4.053779291414629, 0, 0, 0, 0, 0, 0, 0, 1.851249084547156, 0, 0,
      -1.1197686561169573, 0, 0, 0, 0, 0,
    ],
    cochranArmitageStatistic: 9.705539134989982,
    cochranArmitageP: 0.0018371341836592673,
    cochranArmitageZ: -3.115371428094888,
    kendallTau: 0.08669813367343758,
    kendallZ: 2.3560378488383953,
    kendallP: 0.01847103558129749,
  },
  {
    label: 'Support with Memory & Cognition',
    periods: [
      '2020-21 Q1',
      '2020-21 Q2',
      '2020-21 Q3',
      '2020-21 Q4',
      '2021-22 Q1',
      '2021-22 Q2',
      '2021-22 Q3',
      '2021-22 Q4',
      '2022-23 Q1',
      '2022-23 Q2',
      '2022-23 Q3',
      '2022-23 Q4',
      '2023-24 Q1',
      '2023-24 Q2',
      '2023-24 Q3',
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
      '2024-25 Q4',
    ],
    n: [1, 1, 1, 1, 0, 1, 2, 1, 1, 2, 0, 1, 4, 0, 0, 0, 0, 2, 0, 1],
    up: [1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    down: [0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 2, 0, 1],
    unchanged: [0, 1, 0, 0, 0, 1, 2, 0, 1, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0],
    downShareLow: [
      0,
      0,
      0.2065493143772375,
      0.2065493143772375,
      null,
      0,
      0,
      0,
      0,
      0.09453120573423074,
      null,
      0,
      0.04558726080970059,
      null,
      null,
      null,
      null,
      0.3423802275066532,
      null,
      0.2065493143772375,
    ],
    downShareHigh: [
      0.7934506856227626,
      0.7934506856227626,
      1,
      1,
      null,
      0.7934506856227626,
      0.6576197724933468,
      0.7934506856227626,
      0.7934506856227626,
      0.9054687942657692,
      null,
      0.7934506856227626,
      0.699358157417598,
      null,
      null,
      null,
      null,
      1,
      null,
      1,
    ],
    upShareLow: [
      0.2065493143772375,
      0,
      0,
      0,
      null,
      0,
      0,
      0.2065493143772375,
      0,
      0.09453120573423074,
      null,
      0,
      0,
      null,
      null,
      null,
      null,
      0,
      null,
      0,
    ],
    upShareHigh: [
      1,
      0.7934506856227626,
      0.7934506856227626,
      0.7934506856227626,
      null,
      0.7934506856227626,
      0.6576197724933468,
      1,
      0.7934506856227626,
      0.9054687942657692,
      null,
      0.7934506856227626,
      0.4898908364545972,
      null,
      null,
      null,
      null,
      0.6576197724933468,
      null,
      0.7934506856227626,
    ],
    unchangedShareLow: [
      0,
      0.2065493143772375,
      0,
      0,
      null,
      0.2065493143772375,
      0.3423802275066532,
      0,
      0.2065493143772375,
      0,
      null,
      0.2065493143772375,
      0.300641842582402,
      null,
      null,
      null,
      null,
      0,
      null,
      0,
    ],
    unchangedShareHigh: [
      0.7934506856227626,
      1,
      0.7934506856227626,
      0.7934506856227626,
      null,
      1,
      1,
      0.7934506856227626,
      1,
      0.6576197724933468,
      null,
      1,
      0.9544127391902995,
      null,
      null,
      null,
      null,
      0.6576197724933468,
      null,
      0.7934506856227626,
    ],
    medianGap: [
      40.27,
      0,
      -34.98,
      -66.21,
      null,
      0,
      0,
      17.34,
      0,
      -25.755,
      null,
      0,
      0,
      null,
      null,
      null,
      null,
      -43.955,
      null,
      -86.54,
    ],
    medianPctGap: [
      12.936905679773837,
      0,
      -17.10095331214862,
      -8.458855544057338,
      null,
      0,
      0,
      4.206389636853213,
      0,
      -2.25690736582672,
      null,
      0,
      0,
      null,
      null,
      null,
      null,
      -18.992006962372482,
      null,
      -11.961299239806495,
    ],
    cochranArmitageStatistic: 2.3436697123424617,
    cochranArmitageP: 0.12579290615797817,
    cochranArmitageZ: 1.53090486717577,
    kendallTau: -0.31105231660787214,
    kendallZ: -1.7197502623025216,
    kendallP: 0.08547784714318127,
  },
  {
    label: 'All records',
    periods: [
      '2020-21 Q1',
      '2020-21 Q2',
      '2020-21 Q3',
      '2020-21 Q4',
      '2021-22 Q1',
      '2021-22 Q2',
      '2021-22 Q3',
      '2021-22 Q4',
      '2022-23 Q1',
      '2022-23 Q2',
      '2022-23 Q3',
      '2022-23 Q4',
      '2023-24 Q1',
      '2023-24 Q2',
      '2023-24 Q3',
      '2023-24 Q4',
      '2024-25 Q1',
      '2024-25 Q2',
      '2024-25 Q3',
      '2024-25 Q4',
    ],
    n: [49, 66, 45, 52, 53, 62, 54, 43, 58, 51, 58, 45, 61, 51, 46, 54, 55, 63, 47, 46],
    up: [9, 8, 13, 10, 7, 14, 14, 10, 14, 8, 16, 12, 13, 9, 11, 9, 16, 10, 9, 10],
    down: [13, 22, 15, 19, 20, 24, 11, 14, 24, 21, 16, 14, 21, 26, 24, 19, 22, 26, 17, 18],
    unchanged: [27, 36, 17, 23, 26, 24, 29, 19, 20, 22, 26, 19, 27, 16, 11, 26, 17, 27, 21, 18],
    downShareLow: [
      0.16211282134957414, 0.2315642912150234, 0.21358874934330038, 0.24800699873813392,
      0.25936265472876113, 0.2758464516711387, 0.11774054087421393, 0.20493297126568708,
      0.29628026374083305, 0.28754395204580946, 0.17752352138912528, 0.1952869926365341,
      0.2374750896034547, 0.376809238945697, 0.3813741307280403, 0.23823011108114725,
      0.2811849723246312, 0.29958465626751724, 0.23966213245714157, 0.2639322503782902,
    ],
    downShareHigh: [
      0.40262288971310795, 0.45343656112282377, 0.47929511690099574, 0.5012832186798288,
      0.5119310405824663, 0.5115215646098165, 0.3290230668833543, 0.47483789032470514,
      0.5420159182914432, 0.5483466279362843, 0.4020465518947932, 0.4566480557736682,
      0.46950250859431814, 0.6414251410562926, 0.6587531056595431, 0.48515169279763687,
      0.5318720078987861, 0.5358468230257742, 0.5046410346520489, 0.5354315676837925,
    ],
    upShareLow: [
      0.0997634106207031, 0.06271845599597661, 0.17730082482849263, 0.10796046024733509,
      0.06547853284463251, 0.13955183038588279, 0.16118652626020735, 0.1315367847938448,
      0.149588743566695, 0.08169223220048707, 0.17752352138912528, 0.15964903521066526,
      0.12899773740057444, 0.09572403469126317, 0.13912177777277826, 0.09024391642997269,
      0.18771193553959536, 0.08857092396514157, 0.10415932698542259, 0.12260905324562549,
    ],
    upShareHigh: [
      0.3135760260289987, 0.22137439022640318, 0.4336854057476157, 0.3189886081365802,
      0.24840255308904927, 0.3440562091535795, 0.3893089050428168, 0.37744520297809,
      0.36529980253013417, 0.2801044677298776, 0.4020465518947932, 0.4103883775313494,
      0.3312241540163755, 0.3025414252430807, 0.3793513855762202, 0.28736514229729154,
      0.4214072049275498, 0.26811576781772545, 0.3254400457966176, 0.35573687371578944,
    ],
    unchangedShareLow: [
      0.413151082194979, 0.42615011343389175, 0.25108084672137915, 0.3159505681940129,
      0.36124249847843243, 0.2758464516711387, 0.40605356021011496, 0.3043330983917051,
      0.23561089331950172, 0.30501236107909546, 0.32749854047781224, 0.289687024672703,
      0.32507805521482874, 0.20327678465525453, 0.13912177777277826, 0.3539397274661188,
      0.20282287885116465, 0.3139691799436434, 0.31410966265495277, 0.2639322503782902,
    ],
    unchangedShareHigh: [
      0.6814715893131336, 0.6597587450194226, 0.5237006551911046, 0.5766023821279711,
      0.6211647088532004, 0.5115215646098165, 0.6631009888201891, 0.588923855471759,
      0.47332223433859577, 0.5673469789069775, 0.5754791687415536, 0.5669921129079686,
      0.5669663230685612, 0.4502699953069434, 0.3793513855762202, 0.6114829980187293,
      0.4402859015753592, 0.5513838485690498, 0.5875454016178127, 0.5354315676837925,
    ],
    medianGap: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -5.36, -5.145, 0, 0, 0, 0, 0],
    medianPctGap: [
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -2.76408323062423, -2.2939639869637594, 0, 0, 0, 0, 0,
    ],
    cochranArmitageStatistic: 4.20221417350849,
    cochranArmitageP: 0.040371234365179316,
    cochranArmitageZ: 2.049930285036174,
    kendallTau: -0.027639976049563985,
    kendallZ: -1.2385852020337067,
    kendallP: 0.2154991510445035,
  },
];

const FIXTURE = 'fixtures/trend-export.csv';
const now = new Date('2026-12-01T09:00:00Z');
const RUNS: [TrendPeriod, Expected[]][] = [
  ['financialYear', FINANCIAL_YEAR],
  ['quarter', QUARTER],
];

describe.each(RUNS)('every %s, against R', (every, expected) => {
  const flag = every === 'quarter' ? 'quarter' : 'financial-year';
  // Unsuppressed, every figure is the exact one.
  const runs = {
    byGroup: trend(FIXTURE, { by: 'client-group', every: flag, suppression: false, now }),
    all: trend(FIXTURE, { every: flag, suppression: false, now }),
  };

  it.each(expected.map((group) => [group.label, group]))('%s', async (label, want) => {
    const report = await (label === 'All records' ? runs.all : runs.byGroup);
    const group = report.groups.find((candidate) => candidate.label === label)!;
    expect(group).toBeDefined();
    expect(report.periods).toEqual(want.periods);
    // Every period with anybody in it, in order, then Unknown (records without a date).
    const occupied = want.periods.filter((_, i) => want.n[i] > 0);
    expect(group.periods.map((cell) => cell.period)).toEqual([...occupied, 'Unknown']);
    expect(group.periods.at(-1)!.score).toBeNull();
    want.periods.forEach((period, i) => {
      const cell = group.periods.find((candidate) => candidate.period === period);
      if (want.n[i] === 0) return expect(cell).toBeUndefined();
      expect(cell!.score).toBe(i);
      expect([cell!.n, cell!.up, cell!.down, cell!.unchanged]).toEqual([
        want.n[i],
        want.up[i],
        want.down[i],
        want.unchanged[i],
      ]);
      expectClose(cell!.downShareLow, want.downShareLow[i], 1e-9);
      expectClose(cell!.downShareHigh, want.downShareHigh[i], 1e-9);
      expectClose(cell!.upShareLow, want.upShareLow[i], 1e-9);
      expectClose(cell!.upShareHigh, want.upShareHigh[i], 1e-9);
      expectClose(cell!.unchangedShareLow, want.unchangedShareLow[i], 1e-9);
      expectClose(cell!.unchangedShareHigh, want.unchangedShareHigh[i], 1e-9);
      expectClose(cell!.medianGap, want.medianGap[i], 1e-9);
      expectClose(cell!.medianPctGap, want.medianPctGap[i], 1e-9);
    });
    expectClose(group.cochranArmitageP, want.cochranArmitageP, 1e-9);
    expectClose(group.cochranArmitageZ, want.cochranArmitageZ, 1e-9);
    expectClose(group.kendallTau, want.kendallTau, 1e-9);
    expectClose(group.kendallP, want.kendallP, 1e-9);
  });

  it('gives the statistics R gives (trendTests on the exact analysis)', async () => {
    const { table, analysis } = await analyse(FIXTURE, { by: [['clientGroup']], exact: true });
    const byGroup = trendTests(table, analysis, { by: 'clientGroup', every });
    const all = trendTests(table, analysis, { by: null, every });
    for (const want of expected) {
      const group = [...byGroup.groups, ...all.groups].find((g) => g.label === want.label)!;
      expect(group.n).toEqual(want.n);
      expect(group.down).toEqual(want.down);
      expectClose(group.cochranArmitage.statistic, want.cochranArmitageStatistic, 1e-9);
      expectClose(group.kendall.z, want.kendallZ, 1e-9);
    }
  });
});

describe('the known trends of the fixture', () => {
  it('finds the share moved down rising for Learning Disability Support and falling for personal care', () => {
    const [ld, , pc] = FINANCIAL_YEAR;
    expect(ld.label).toBe('Learning Disability Support');
    expect(ld.cochranArmitageZ).toBeGreaterThan(0);
    expect(ld.cochranArmitageP).toBeLessThan(0.001);
    expect(ld.kendallTau).toBeLessThan(0);
    expect(pc.label).toBe('Physical Support: Personal care support');
    expect(pc.cochranArmitageZ).toBeLessThan(0);
    expect(pc.cochranArmitageP).toBeLessThan(0.01);
  });
});

/** Every count of a trend, with where it is. */
function counts(report: TrendReport): [string, number | null][] {
  return report.groups.flatMap((group) =>
    group.periods.flatMap((cell) =>
      (['n', 'up', 'down', 'unchanged'] as const).map((field): [string, number | null] => [
        `${group.label} ${cell.period} ${field}`,
        cell[field],
      ]),
    ),
  );
}

describe('publishing', () => {
  const published = trend(FIXTURE, { by: 'client-group', now });
  const exact = trend(FIXTURE, { by: 'client-group', suppression: false, now });

  it('publishes no count from 1 to 4, and says why each figure is withheld', async () => {
    const report = await published;
    expect(counts(report).filter(([, value]) => value !== null && value >= 1 && value < 5)).toEqual(
      [],
    );
    for (const group of report.groups) {
      for (const row of [group, ...group.periods]) {
        expect(Object.keys(row.withheld ?? {}).sort()).toEqual([...(row.suppressed ?? [])].sort());
        for (const field of row.suppressed ?? []) {
          expect((row as unknown as Record<string, unknown>)[field], field).toBeNull();
        }
      }
    }
    expect(report.disclosure.suppression).toBe(true);
    expect(report.notice).toBeUndefined();
  });

  it('copies every cell of the published crossed breakdown, as analyse publishes it', async () => {
    const report = await published;
    const { report: analysed } = await analyse(FIXTURE, {
      by: ['client-group,financial-year', 'financial-year'],
      now,
    });
    const cells = analysed.breakdowns[0].groups;
    const listed = report.groups.flatMap((group) =>
      group.periods.map((cell) => ({ group: group.label, cell })),
    );
    expect(listed.map(({ group, cell }) => `${group} / ${cell.period}`)).toEqual(
      cells.map((cell) => cell.label),
    );
    listed.forEach(({ cell }, i) => {
      expect([
        cell.n,
        cell.up,
        cell.down,
        cell.unchanged,
        cell.downShare,
        cell.medianPctGap,
      ]).toEqual([
        cells[i].n,
        cells[i].up,
        cells[i].down,
        cells[i].unchanged,
        cells[i].downShare,
        cells[i].medianPctGap,
      ]);
      expect([cell.downShareLow, cell.downShareHigh]).toEqual(cells[i].downShareCi ?? [null, null]);
    });
  });

  it('publishes a test exactly when every dated period shows what it rests on, and then the exact value', async () => {
    const report = await published;
    const truth = await exact;
    let shown = 0;
    let withheld = 0;
    for (const group of report.groups) {
      const dated = group.periods.filter((cell) => cell.score !== null);
      const complete = dated.length === report.periods.length;
      const shows = (
        fields: readonly ('n' | 'up' | 'down' | 'unchanged' | 'zeroIndicative')[],
      ): boolean =>
        complete && dated.every((cell) => fields.every((field) => cell[field] !== null));
      const exactGroup = truth.groups.find((g) => g.label === group.label)!;
      if (shows(['n', 'down'])) {
        shown++;
        expect(group.cochranArmitageP).toBe(exactGroup.cochranArmitageP);
        expect(group.cochranArmitageZ).toBe(exactGroup.cochranArmitageZ);
      } else {
        withheld++;
        expect(group.cochranArmitageP).toBeNull();
        expect(group.withheld?.cochranArmitageP).toMatch(/^(secondary|fewer-than-k)$/);
      }
      if (shows(['n', 'up', 'down', 'unchanged', 'zeroIndicative'])) {
        expect(group.kendallTau).toBe(exactGroup.kendallTau);
        expect(group.kendallP).toBe(exactGroup.kendallP);
      } else {
        expect(group.kendallTau).toBeNull();
        expect(group.withheld?.kendallTau).toMatch(/^(secondary|fewer-than-k)$/);
      }
    }
    // The fixture has both: the large groups' tests, the small group's withheld.
    expect(shown).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
    const small = report.groups.find((g) => g.label === 'Support with Memory & Cognition')!;
    expect(small.withheld?.cochranArmitageP).toBe('fewer-than-k');
  });

  it('publishes both tests, exactly, where no cell is small (the large groups, dated rows only)', async () => {
    const lines = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
    const text = [
      lines[0],
      ...lines.slice(1).filter((line) => !line.endsWith(',') && !line.includes('Memory')),
    ].join('\n');
    const input = { name: 'large-groups.csv', text };
    const report = await trend(input, { by: 'client-group', now });
    const truth = await trend(input, { by: 'client-group', suppression: false, now });
    expect(report.groups).toHaveLength(3);
    report.groups.forEach((group, g) => {
      expect(group.withheld).toBeUndefined();
      expect(group.cochranArmitageP).toBe(truth.groups[g].cochranArmitageP);
      expect(group.kendallTau).toBe(truth.groups[g].kendallTau);
      expect(group.kendallP).toBe(truth.groups[g].kendallP);
    });
  });

  it('withholds every test when counts are rounded (the exact test would give them back)', async () => {
    const report = await trend(FIXTURE, { by: 'client-group', roundCounts: 5, now });
    for (const group of report.groups) {
      expect(group.cochranArmitageP).toBeNull();
      expect(group.kendallP).toBeNull();
      expect(group.withheld?.kendallTau).toBe('rounding');
    }
    expect(counts(report).every(([, value]) => value === null || value % 5 === 0)).toBe(true);
  });

  it('says the output is not for publication when suppression is off', async () => {
    expect((await exact).notice).toMatch(/^NOT FOR PUBLICATION/);
  });
});

describe('options', () => {
  it('takes the groups by any name analyse takes, and all records without --by', async () => {
    const report = await trend(FIXTURE, { by: 'clientGroup', every: 'quarter', now });
    expect(report.by).toBe('clientGroup');
    expect(report.every).toBe('quarter');
    expect(report.periods[0]).toBe('2020-21 Q1');
    const all = await trend(FIXTURE, { now });
    expect(all.by).toBeNull();
    expect(all.every).toBe('financialYear');
    expect(all.groups.map((g) => g.label)).toEqual(['All records']);
  });

  it.each([
    [{ by: 'quarter' }, /is a period/],
    [{ by: 'client-group,age-band' }, /one dimension/],
    [{ every: 'month' }, /--every does not accept "month"/],
    [{ every: 'fortnight' }, /--every does not accept/],
  ])('refuses %j', async (options, message) => {
    const error = await trend(FIXTURE, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RasgapError);
    expect((error as RasgapError).code).toBe('USAGE');
    expect((error as Error).message).toMatch(message);
  });

  it('needs a date-agreed column, and says how to name one', async () => {
    const error = await trend('fixtures/inference-small.csv', {}).catch(
      (caught: unknown) => caught,
    );
    expect((error as RasgapError).code).toBe('COLUMN_NOT_FOUND');
    expect((error as Error).message).toMatch(/needs a date agreed column/);
  });
});
