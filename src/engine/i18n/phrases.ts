import type { LanguageCode } from '../language.ts';
import type { Band, InterviewType } from '../types.ts';

/**
 * Alex's fixed words (the parts of an interview that need no judgement) and the report's
 * headings, per language. English keeps its varied wording in phrases.ts; the others have
 * one wording each, written out here so they cost no model call and never drift.
 */
export interface PhraseSet {
  types: Record<InterviewType, string>;
  greeting(o: { name?: string | undefined; role: string; type: string; questions: number; minutes: number }): string;
  first: string;
  next: string;
  last: string;
  skip: string;
  decline: string;
  closing(name: string | undefined, timeUp: boolean): string;
  endedEarly(name: string | undefined): string;
  paused: string;
  resumed: string;
  /** Band names for the overall result. */
  bands: Record<Band, string>;
  report: { title(type: string, name?: string): string; overall: string; strengths: string; improve: string; questions: string; byCompetency: string; nextTime: string; partial: string };
}

const comma = (name: string | undefined, sep = ', ') => (name ? `${sep}${name}` : '');

export const PHRASES: Readonly<Record<Exclude<LanguageCode, 'en'>, PhraseSet>> = {
  es: {
    bands: { strong: 'Destacado', solid: 'Sólido', developing: 'En desarrollo', 'needs-work': 'Necesita trabajo', 'not-enough-to-judge': 'Sin datos suficientes para evaluar' },
    types: { screening: 'de preselección', behavioral: 'conductual', technical: 'técnica', customize: 'personalizada' },
    greeting: (o) => `Hola${comma(o.name, ' ')}, soy Alex y hoy seré tu entrevistador. Esta es una entrevista ${o.type} para un puesto de ${o.role}: ${o.questions} preguntas, unos ${o.minutes} minutos. Tómate tu tiempo con cada respuesta. Puedes decir "saltar", "repetir", "pausa" o "terminar" cuando quieras.`,
    first: 'Empecemos.', next: 'Siguiente pregunta.', last: 'Última pregunta.',
    skip: 'No hay problema, pasamos a la siguiente.', decline: 'Está bien, no todas las preguntas encajan con todos. Sigamos.',
    closing: (name, timeUp) => `${timeUp ? 'Se nos acabó el tiempo, así que lo dejamos aquí.' : 'Esas son todas mis preguntas.'} Gracias${comma(name)}. Estoy preparando tu evaluación.`,
    endedEarly: (name) => `De acuerdo, lo dejamos aquí${comma(name)}. Te daré una evaluación de lo que hemos cubierto.`,
    paused: 'En pausa. Tómate el tiempo que necesites; di "reanudar" cuando estés listo y repetiré la pregunta.',
    resumed: 'Bienvenido de nuevo. Estábamos aquí:',
    report: { title: (t, n) => `Evaluación de la entrevista ${t}${n ? ` para ${n}` : ''}`, overall: 'Resultado global', strengths: 'Fortalezas', improve: 'Para mejorar', questions: 'Preguntas', byCompetency: 'Por competencia', nextTime: 'La próxima vez', partial: 'entrevista parcial' },
  },
  pt: {
    bands: { strong: 'Forte', solid: 'Bom', developing: 'Em desenvolvimento', 'needs-work': 'Precisa melhorar', 'not-enough-to-judge': 'Dados insuficientes para avaliar' },
    types: { screening: 'de triagem', behavioral: 'comportamental', technical: 'técnica', customize: 'personalizada' },
    greeting: (o) => `Olá${comma(o.name, ' ')}, eu sou o Alex e serei o seu entrevistador hoje. Esta é uma entrevista ${o.type} para a vaga de ${o.role}: ${o.questions} perguntas, cerca de ${o.minutes} minutos. Responda com calma. Você pode dizer "pular", "repetir", "pausar" ou "encerrar" quando quiser.`,
    first: 'Vamos começar.', next: 'Próxima pergunta.', last: 'Última pergunta.',
    skip: 'Sem problema, vamos pular essa.', decline: 'Tudo bem, nem toda pergunta serve para todos. Vamos seguir.',
    closing: (name, timeUp) => `${timeUp ? 'Nosso tempo acabou, então vamos parar aqui.' : 'Essas são todas as minhas perguntas.'} Obrigado${comma(name)}. Estou preparando o seu feedback.`,
    endedEarly: (name) => `Certo, vamos parar aqui${comma(name)}. Vou dar um feedback sobre o que cobrimos.`,
    paused: 'Pausado. Leve o tempo que precisar; diga "retomar" quando estiver pronto e eu repito a pergunta.',
    resumed: 'Bem-vindo de volta. Estávamos aqui:',
    report: { title: (t, n) => `Feedback da entrevista ${t}${n ? ` de ${n}` : ''}`, overall: 'Resultado geral', strengths: 'Pontos fortes', improve: 'A melhorar', questions: 'Perguntas', byCompetency: 'Por competência', nextTime: 'Da próxima vez', partial: 'entrevista parcial' },
  },
  fr: {
    bands: { strong: 'Excellent', solid: 'Solide', developing: 'En progression', 'needs-work': 'À travailler', 'not-enough-to-judge': 'Pas assez pour juger' },
    types: { screening: 'de présélection', behavioral: 'comportemental', technical: 'technique', customize: 'personnalisé' },
    greeting: (o) => `Bonjour${comma(o.name, ' ')}, je suis Alex et je serai votre recruteur aujourd'hui. Il s'agit d'un entretien ${o.type} pour un poste de ${o.role} : ${o.questions} questions, environ ${o.minutes} minutes. Prenez votre temps pour chaque réponse. Vous pouvez dire « passer », « répéter », « pause » ou « terminer » à tout moment.`,
    first: 'Commençons.', next: 'Question suivante.', last: 'Dernière question.',
    skip: 'Pas de problème, passons à la suivante.', decline: "C'est d'accord, toutes les questions ne conviennent pas à tout le monde. Continuons.",
    closing: (name, timeUp) => `${timeUp ? "Nous arrivons à la fin du temps prévu, arrêtons-nous ici." : "C'étaient toutes mes questions."} Merci${comma(name)}. Je prépare votre retour.`,
    endedEarly: (name) => `D'accord, arrêtons-nous ici${comma(name)}. Je vais vous faire un retour sur ce que nous avons couvert.`,
    paused: 'En pause. Prenez le temps qu\'il vous faut ; dites « reprendre » quand vous êtes prêt et je répéterai la question.',
    resumed: 'Bon retour. Nous en étions là :',
    report: { title: (t, n) => `Retour sur l'entretien ${t}${n ? ` de ${n}` : ''}`, overall: 'Résultat global', strengths: 'Points forts', improve: 'À améliorer', questions: 'Questions', byCompetency: 'Par compétence', nextTime: 'La prochaine fois', partial: 'entretien partiel' },
  },
  de: {
    bands: { strong: 'Stark', solid: 'Solide', developing: 'In Entwicklung', 'needs-work': 'Ausbaufähig', 'not-enough-to-judge': 'Zu wenig für eine Bewertung' },
    types: { screening: 'Screening', behavioral: 'Verhaltens', technical: 'technisches', customize: 'individuelles' },
    greeting: (o) => `Hallo${comma(o.name, ' ')}, ich bin Alex und führe heute das Interview mit Ihnen. Dies ist ein ${o.type}-Interview für eine Stelle als ${o.role}: ${o.questions} Fragen, etwa ${o.minutes} Minuten. Nehmen Sie sich Zeit für jede Antwort. Sie können jederzeit „überspringen“, „wiederholen“, „Pause“ oder „beenden“ sagen.`,
    first: 'Fangen wir an.', next: 'Nächste Frage.', last: 'Letzte Frage.',
    skip: 'Kein Problem, die überspringen wir.', decline: 'Das ist in Ordnung, nicht jede Frage passt zu jedem. Machen wir weiter.',
    closing: (name, timeUp) => `${timeUp ? 'Die Zeit ist um, wir hören hier auf.' : 'Das waren alle meine Fragen.'} Danke${comma(name)}. Ich stelle jetzt Ihr Feedback zusammen.`,
    endedEarly: (name) => `Gut, wir hören hier auf${comma(name)}. Sie bekommen Feedback zu dem, was wir besprochen haben.`,
    paused: 'Pausiert. Nehmen Sie sich die Zeit, die Sie brauchen; sagen Sie „fortsetzen“, wenn Sie bereit sind, und ich wiederhole die Frage.',
    resumed: 'Willkommen zurück. Hier waren wir:',
    report: { title: (t, n) => `Feedback zum ${t}-Interview${n ? ` für ${n}` : ''}`, overall: 'Gesamtergebnis', strengths: 'Stärken', improve: 'Verbesserungen', questions: 'Fragen', byCompetency: 'Nach Kompetenz', nextTime: 'Nächstes Mal', partial: 'unvollständiges Interview' },
  },
  it: {
    bands: { strong: 'Ottimo', solid: 'Solido', developing: 'In crescita', 'needs-work': 'Da migliorare', 'not-enough-to-judge': 'Non abbastanza per giudicare' },
    types: { screening: 'di preselezione', behavioral: 'comportamentale', technical: 'tecnico', customize: 'personalizzato' },
    greeting: (o) => `Ciao${comma(o.name, ' ')}, sono Alex e oggi sarò il tuo intervistatore. Questo è un colloquio ${o.type} per un ruolo di ${o.role}: ${o.questions} domande, circa ${o.minutes} minuti. Prenditi il tempo che serve per ogni risposta. Puoi dire "salta", "ripeti", "pausa" o "termina" quando vuoi.`,
    first: 'Cominciamo.', next: 'Prossima domanda.', last: 'Ultima domanda.',
    skip: 'Nessun problema, la saltiamo.', decline: 'Va bene, non tutte le domande sono adatte a tutti. Andiamo avanti.',
    closing: (name, timeUp) => `${timeUp ? 'Il tempo è finito, quindi ci fermiamo qui.' : 'Queste erano tutte le mie domande.'} Grazie${comma(name)}. Sto preparando il tuo feedback.`,
    endedEarly: (name) => `D'accordo, ci fermiamo qui${comma(name)}. Ti darò un feedback su quello che abbiamo visto.`,
    paused: 'In pausa. Prenditi il tempo che ti serve; di\' "riprendi" quando sei pronto e ripeterò la domanda.',
    resumed: 'Bentornato. Eravamo qui:',
    report: { title: (t, n) => `Feedback del colloquio ${t}${n ? ` per ${n}` : ''}`, overall: 'Risultato complessivo', strengths: 'Punti di forza', improve: 'Da migliorare', questions: 'Domande', byCompetency: 'Per competenza', nextTime: 'La prossima volta', partial: 'colloquio parziale' },
  },
  hi: {
    bands: { strong: 'मज़बूत', solid: 'अच्छा', developing: 'विकासशील', 'needs-work': 'सुधार की ज़रूरत', 'not-enough-to-judge': 'आकलन के लिए पर्याप्त नहीं' },
    types: { screening: 'स्क्रीनिंग', behavioral: 'व्यवहारिक', technical: 'तकनीकी', customize: 'व्यक्तिगत' },
    greeting: (o) => `नमस्ते${comma(o.name, ' ')}, मैं Alex हूँ और आज मैं आपका इंटरव्यू लूँगा। यह ${o.role} की भूमिका के लिए ${o.type} इंटरव्यू है: ${o.questions} सवाल, लगभग ${o.minutes} मिनट। हर जवाब के लिए अपना समय लें। आप कभी भी "छोड़ें", "दोहराएं", "रुकें" या "समाप्त करें" कह सकते हैं।`,
    first: 'चलिए शुरू करते हैं।', next: 'अगला सवाल।', last: 'आख़िरी सवाल।',
    skip: 'कोई बात नहीं, इसे छोड़ देते हैं।', decline: 'ठीक है, हर सवाल हर किसी के लिए नहीं होता। आगे बढ़ते हैं।',
    closing: (name, timeUp) => `${timeUp ? 'हमारा समय पूरा हो गया है, इसलिए यहीं रुकते हैं।' : 'मेरे सारे सवाल हो गए।'} धन्यवाद${comma(name)}। मैं आपका फ़ीडबैक तैयार कर रहा हूँ।`,
    endedEarly: (name) => `ठीक है, यहीं रुकते हैं${comma(name)}। जितना हमने किया, उस पर मैं फ़ीडबैक दूँगा।`,
    paused: 'रुका हुआ। जितना समय चाहिए लें; तैयार होने पर "जारी रखें" कहें, मैं सवाल दोहरा दूँगा।',
    resumed: 'फिर से स्वागत है। हम यहाँ थे:',
    report: { title: (t, n) => `${t} इंटरव्यू का फ़ीडबैक${n ? ` (${n})` : ''}`, overall: 'कुल परिणाम', strengths: 'ख़ूबियाँ', improve: 'सुधार के लिए', questions: 'सवाल', byCompetency: 'क्षमता के अनुसार', nextTime: 'अगली बार', partial: 'अधूरा इंटरव्यू' },
  },
  ja: {
    bands: { strong: '優秀', solid: '良好', developing: '発展途上', 'needs-work': '要改善', 'not-enough-to-judge': '評価するには不十分' },
    types: { screening: 'スクリーニング', behavioral: '行動', technical: '技術', customize: 'カスタマイズ' },
    greeting: (o) => `こんにちは${o.name ? `、${o.name}さん` : ''}。本日の面接を担当するAlexです。これは${o.role}職の${o.type}面接です。質問は${o.questions}問、約${o.minutes}分です。一つひとつの回答に時間をかけてください。いつでも「スキップ」「もう一度」「一時停止」「終了」と言えます。`,
    first: 'では始めましょう。', next: '次の質問です。', last: '最後の質問です。',
    skip: '大丈夫です、この質問は飛ばしましょう。', decline: '問題ありません。すべての質問が誰にでも当てはまるわけではありません。次に進みましょう。',
    closing: (name, timeUp) => `${timeUp ? '時間になりましたので、ここで終わりにします。' : '質問は以上です。'}ありがとうございました${name ? `、${name}さん` : ''}。フィードバックをまとめています。`,
    endedEarly: (name) => `わかりました、ここで終わりにしましょう${name ? `、${name}さん` : ''}。ここまでの内容についてフィードバックをお伝えします。`,
    paused: '一時停止中です。必要なだけ時間をとってください。準備ができたら「再開」と言ってください。質問を繰り返します。',
    resumed: 'おかえりなさい。ここからでした：',
    report: { title: (t, n) => `${t}面接のフィードバック${n ? `（${n}さん）` : ''}`, overall: '総合評価', strengths: '強み', improve: '改善点', questions: '質問', byCompetency: 'コンピテンシー別', nextTime: '次回は', partial: '途中終了の面接' },
  },
  ko: {
    bands: { strong: '우수', solid: '양호', developing: '발전 중', 'needs-work': '보완 필요', 'not-enough-to-judge': '판단하기에 부족함' },
    types: { screening: '스크리닝', behavioral: '행동', technical: '기술', customize: '맞춤형' },
    greeting: (o) => `안녕하세요${o.name ? ` ${o.name}님` : ''}, 오늘 면접을 진행할 Alex입니다. 이번 면접은 ${o.role} 직무를 위한 ${o.type} 면접입니다: 질문 ${o.questions}개, 약 ${o.minutes}분. 답변마다 충분히 시간을 가지세요. 언제든지 "건너뛰기", "다시", "일시정지", "종료"라고 말할 수 있습니다.`,
    first: '시작하겠습니다.', next: '다음 질문입니다.', last: '마지막 질문입니다.',
    skip: '괜찮습니다, 이 질문은 넘어가겠습니다.', decline: '괜찮습니다. 모든 질문이 모두에게 맞는 것은 아니니까요. 다음으로 넘어가죠.',
    closing: (name, timeUp) => `${timeUp ? '시간이 다 되어 여기서 마치겠습니다.' : '준비한 질문은 여기까지입니다.'} 감사합니다${name ? `, ${name}님` : ''}. 피드백을 정리하고 있습니다.`,
    endedEarly: (name) => `알겠습니다, 여기서 마치겠습니다${name ? `, ${name}님` : ''}. 지금까지의 내용에 대해 피드백을 드리겠습니다.`,
    paused: '일시 정지되었습니다. 필요한 만큼 시간을 가지세요. 준비되면 "계속"이라고 말씀해 주시면 질문을 다시 드리겠습니다.',
    resumed: '다시 오신 것을 환영합니다. 여기까지 진행했습니다:',
    report: { title: (t, n) => `${t} 면접 피드백${n ? ` (${n}님)` : ''}`, overall: '종합 결과', strengths: '강점', improve: '개선할 점', questions: '질문', byCompetency: '역량별', nextTime: '다음에는', partial: '중단된 면접' },
  },
  zh: {
    bands: { strong: '优秀', solid: '良好', developing: '进步中', 'needs-work': '需要改进', 'not-enough-to-judge': '信息不足，无法评估' },
    types: { screening: '初筛', behavioral: '行为', technical: '技术', customize: '定制' },
    greeting: (o) => `你好${o.name ? `，${o.name}` : ''}，我是 Alex，今天由我担任你的面试官。这是一场${o.role}职位的${o.type}面试：共 ${o.questions} 个问题，大约 ${o.minutes} 分钟。每个回答都可以慢慢来。你随时可以说"跳过"、"重复"、"暂停"或"结束"。`,
    first: '我们开始吧。', next: '下一个问题。', last: '最后一个问题。',
    skip: '没关系，我们跳过这一题。', decline: '没关系，不是每个问题都适合每个人。我们继续。',
    closing: (name, timeUp) => `${timeUp ? '时间到了，我们就到这里。' : '我的问题就这些。'}谢谢你${name ? `，${name}` : ''}。我正在整理你的反馈。`,
    endedEarly: (name) => `好的，我们就到这里${name ? `，${name}` : ''}。我会就已经讨论的内容给你反馈。`,
    paused: '已暂停。需要多久都可以；准备好后说"继续"，我会重复这个问题。',
    resumed: '欢迎回来。我们刚才在这里：',
    report: { title: (t, n) => `${t}面试反馈${n ? `（${n}）` : ''}`, overall: '总体结果', strengths: '优点', improve: '待改进', questions: '问题', byCompetency: '按能力', nextTime: '下次', partial: '未完成的面试' },
  },
};

/**
 * Said when a non-English interview is asked for and no language model is available: the
 * built-in interviewer's questions and judgement are English only. Nothing is switched
 * without the candidate's yes.
 */
export const ENGLISH_ONLY_NOTICE: Readonly<Record<Exclude<LanguageCode, 'en'>, { ask: string; stop: string; again: string }>> = {
  es: { ask: 'Ahora mismo no hay ningún modelo de lenguaje disponible, así que solo puedo hacer esta entrevista en inglés. ¿Quieres continuar en inglés? Responde sí o no.', stop: 'De acuerdo, no empezamos. Vuelve a intentarlo más tarde para hacer la entrevista en español.', again: 'Responde sí para continuar en inglés, o no para dejarlo.' },
  pt: { ask: 'No momento não há nenhum modelo de linguagem disponível, então só consigo fazer esta entrevista em inglês. Quer continuar em inglês? Responda sim ou não.', stop: 'Tudo bem, não vamos começar. Tente de novo mais tarde para fazer a entrevista em português.', again: 'Responda sim para continuar em inglês, ou não para parar.' },
  fr: { ask: "Aucun modèle de langue n'est disponible pour le moment, je ne peux donc mener cet entretien qu'en anglais. Voulez-vous continuer en anglais ? Répondez oui ou non.", stop: "D'accord, nous ne commençons pas. Réessayez plus tard pour passer l'entretien en français.", again: 'Répondez oui pour continuer en anglais, ou non pour arrêter.' },
  de: { ask: 'Gerade ist kein Sprachmodell verfügbar, daher kann ich dieses Interview nur auf Englisch führen. Möchten Sie auf Englisch weitermachen? Antworten Sie mit ja oder nein.', stop: 'In Ordnung, wir fangen nicht an. Versuchen Sie es später noch einmal, um das Interview auf Deutsch zu führen.', again: 'Antworten Sie mit ja, um auf Englisch weiterzumachen, oder mit nein, um aufzuhören.' },
  it: { ask: "Al momento non è disponibile nessun modello linguistico, quindi posso condurre questo colloquio solo in inglese. Vuoi continuare in inglese? Rispondi sì o no.", stop: "D'accordo, non iniziamo. Riprova più tardi per fare il colloquio in italiano.", again: 'Rispondi sì per continuare in inglese, oppure no per fermarti.' },
  hi: { ask: 'अभी कोई भाषा मॉडल उपलब्ध नहीं है, इसलिए मैं यह इंटरव्यू केवल अंग्रेज़ी में ले सकता हूँ। क्या आप अंग्रेज़ी में जारी रखना चाहेंगे? हाँ या नहीं में जवाब दें।', stop: 'ठीक है, हम शुरू नहीं करते। हिंदी में इंटरव्यू के लिए बाद में फिर कोशिश करें।', again: 'अंग्रेज़ी में जारी रखने के लिए हाँ, या रुकने के लिए नहीं कहें।' },
  ja: { ask: '現在、言語モデルが利用できないため、この面接は英語でしか行えません。英語で続けますか？「はい」か「いいえ」でお答えください。', stop: 'わかりました、面接は始めません。日本語での面接は後でもう一度お試しください。', again: '英語で続ける場合は「はい」、やめる場合は「いいえ」とお答えください。' },
  ko: { ask: '지금은 사용할 수 있는 언어 모델이 없어서 이 면접은 영어로만 진행할 수 있습니다. 영어로 계속하시겠습니까? 네 또는 아니요로 답해 주세요.', stop: '알겠습니다, 시작하지 않겠습니다. 한국어 면접은 나중에 다시 시도해 주세요.', again: '영어로 계속하려면 네, 그만두려면 아니요라고 답해 주세요.' },
  zh: { ask: '目前没有可用的语言模型，所以这场面试我只能用英语进行。要用英语继续吗？请回答是或否。', stop: '好的，我们先不开始。稍后再试，就可以用中文面试。', again: '回答"是"用英语继续，回答"否"则停止。' },
};

const YES = /^(y|yes|yeah|yep|ok|okay|sure|english|continue|s[ií]|sim|claro|oui|d'accord|ja|gerne|certo|va bene|हाँ|हां|जी|ठीक है|はい|ええ|うん|네|예|좋아요|是|好|好的|可以|行)$/iu;
const NO = /^(n|no|nope|não|nao|non|nein|नहीं|いいえ|いや|아니요|아니오|아니|否|不|不要|不用)$/iu;

/** The candidate's reply to the English-only question: yes, no, or unclear. */
export function yesNo(text: string): 'yes' | 'no' | null {
  const t = text.trim().replace(/[.!?。！？,，、"'「」]+/gu, '').replace(/\s+/g, ' ').trim();
  if (YES.test(t)) return 'yes';
  if (NO.test(t)) return 'no';
  return null;
}
