import type { LanguageCode } from '../language.ts';

/**
 * The rest of Alex's fixed lines, per language, beside phrases.ts: what a thin or rules-scored
 * report says, and what the voice room and chat threads say about themselves. English keeps its
 * wording where each line is produced; these are written out so they cost no model call.
 */
export type NoticeVoiceMode = 'gpu' | 'cloud-stt+edge-tts' | 'edge-tts' | 'text-only';

export interface NoticeSet {
  /** The summary of a report with too few real answers; `given` 0 leaves out the count. */
  thinSummary(usable: number, given: number): string;
  thinImprove: string;
  /** The built-in rules' summary; best/worst are competency names, given when they differ. */
  rulesSummary(answered: number, total: number, best?: string, worst?: string): string;
  nudge: string;
  modes: Record<NoticeVoiceMode, string>;
  sttFailed: string;
  ttsFailed: string;
  turnFailed: string;
  /** `channel` is the platform's mention of the voice channel. */
  joined(channel: string): string;
  left(channel: string): string;
  /** Discord: the voice channel could not be joined, or the connection dropped; the interview goes on in text. */
  connectFailed: string;
  connectionLost: string;
  /** Discord, starting voice: why it could not, the interview carrying on in text. */
  notInVoice: string;
  guildBusy: string;
  speechUnavailable: string;
  guildUnavailable: string;
  /** Discord: the Voice button worked. */
  switchedToVoice: string;
  /** Discord: a voice message in the thread, with no speech-to-text to hear it. */
  cannotHearVoiceMessages: string;
  /** A document read mid-interview that does not change the questions under way. */
  docRead(name: string, summary: string, customizeUnderway: boolean): string;
  /** Slack: a file shared in an interview whose questions are already set. */
  fileNotUsed: string;
  /** A status command's lines (provider names and errors stay as they are). */
  status: {
    interviewer(provider: string, model: string): string;
    offlineUnavailable: string;
    offlineUnconfigured: string;
    speech: Record<NoticeVoiceMode, string>;
    /** Put before one of `speech`. */
    speechLabel: string;
    textOnly: string;
    store(kind: string): string;
  };
  /** Slack's App Home and history list (mrkdwn; commands stay as typed). */
  home: {
    title(interviewer: string): string;
    intro: string;
    forget: string;
    empty: string;
    inProgress: string;
    noScore: string;
    partial: string;
    latest(n: number): string;
    trend: string;
    oldestNewest: string;
    average(avg: string, n: number): string;
    best: string;
    /** `delta` is signed, e.g. "+0.4". */
    change(delta: string): string;
  };
}

export const NOTICES: Readonly<Record<Exclude<LanguageCode, 'en'>, NoticeSet>> = {
  es: {
    thinSummary: (u, g) => `Sin datos suficientes para evaluar: la entrevista tiene muy pocas respuestas reales${g ? ` (${u} útiles de ${g})` : ''}. Vuelve a intentarlo y responde al menos un par de preguntas por completo.`,
    thinImprove: 'Responde algunas preguntas con frases completas y un ejemplo real, para que haya algo que evaluar.',
    rulesSummary: (a, t, b, w) => `Respondiste ${a} de ${t} preguntas.${b && w ? ` Tu mejor respuesta fue sobre ${b}; la más floja, sobre ${w}.` : ''} Las puntuaciones vienen de las reglas integradas (qué partes cubrió cada respuesta, cómo las explicó o respaldó y si respondió a la pregunta), no de un modelo de lenguaje.`,
    nudge: 'Tómate tu tiempo. ¿Quieres que repita la pregunta?',
    modes: {
      gpu: 'La voz ha vuelto por completo: ya puedes responder en voz alta.',
      'cloud-stt+edge-tts': 'El servidor de voz no responde, así que he pasado a servicios de voz de respaldo. La entrevista sigue; mi voz puede sonar algo distinta.',
      'edge-tts': 'Ahora mismo no puedo transcribir lo que dices, así que escribe tus respuestas en este hilo. Yo seguiré leyendo las preguntas en voz alta.',
      'text-only': 'La voz no está disponible ahora mismo, así que la entrevista sigue por escrito: escribe tus respuestas en este hilo.',
    },
    sttFailed: 'No he podido entender esa respuesta (falló la transcripción). ¿Puedes repetirla o escribirla en este hilo?',
    ttsFailed: 'Ahora mismo no puedo hablar, así que escribiré las preguntas aquí en el hilo. Puedes seguir respondiendo en voz alta.',
    turnFailed: 'Algo falló al grabar esa respuesta. ¿Puedes repetirla?',
    joined: (c) => `🔊 Estoy en ${c}. Responde en voz alta; iré publicando aquí lo que oiga. Di "repetir", "saltar" o "terminar" cuando quieras, o simplemente habla encima de mí para interrumpirme.`,
    left: (c) => `⏸️ Saliste del canal de voz, así que he pausado la entrevista. Vuelve a ${c} y seguiremos desde la misma pregunta.`,
    connectFailed: 'No he podido conectarme al canal de voz, así que la entrevista sigue aquí por escrito. Pulsa Voice para intentarlo de nuevo.',
    connectionLost: 'He perdido la conexión con el canal de voz, así que la entrevista sigue aquí por escrito. Escribe tus respuestas o pulsa Voice para intentarlo de nuevo.',
    notInVoice: 'Primero únete a un canal de voz y luego pulsa Voice o vuelve a ejecutar /interview start mode:voice.',
    guildBusy: 'Ya estoy haciendo una entrevista por voz en este servidor (un bot solo puede estar en un canal de voz por servidor). Esta entrevista sigue aquí por escrito.',
    speechUnavailable: 'La voz no está disponible ahora mismo (no hay ningún servicio de voz accesible), así que la entrevista sigue aquí por escrito.',
    guildUnavailable: 'Ahora mismo no puedo ver este servidor, así que la entrevista sigue aquí por escrito.',
    switchedToVoice: 'Pasamos a voz: ya estoy en tu canal de voz.',
    cannotHearVoiceMessages: 'Ahora mismo no puedo escuchar mensajes de voz (no hay servicio de transcripción). Escribe tu respuesta, por favor.',
    docRead: (n, s, u) => `Gracias, he leído ${n} (${s}). ${u ? 'Las preguntas ya están en marcha, así que lo usaré en tu próxima entrevista personalizada.' : 'Servirá para preparar tu próxima entrevista personalizada.'}`,
    status: {
      speechLabel: 'Voz: ',
      interviewer: (p, m) => `Entrevistador: ${p} (${m})`,
      offlineUnavailable: 'Entrevistador: el entrevistador sin conexión integrado (ahora mismo no hay ningún proveedor de modelos disponible)',
      offlineUnconfigured: 'Entrevistador: el entrevistador sin conexión integrado (no hay ningún modelo de lenguaje configurado); las puntuaciones son heurísticas.',
      speech: { gpu: 'Whisper y XTTS propios en el servidor GPU', 'cloud-stt+edge-tts': 'transcripción en la nube con Edge TTS (servidor GPU no disponible)', 'edge-tts': 'Edge TTS para hablar; las respuestas se escriben (sin transcripción disponible)', 'text-only': 'solo texto (ningún servicio de voz disponible)' },
      textOnly: 'Voz: solo texto',
      store: (k) => `Almacenamiento: ${k}`,
    },
    fileNotUsed: 'Esta entrevista ya tiene sus preguntas, así que no he usado el archivo. Para practicar con un documento, empieza `/interview customize` y compártelo en ese hilo.',
    home: {
      title: (i) => `Práctica de entrevistas con ${i}`,
      intro: 'Escribe `/interview behavioral` (o *screening*, *technical*, *customize*, más un puesto como `backend engineer`) en cualquier canal, menciónome o envíame un mensaje directo. Cada entrevista va en su propio hilo y termina con una evaluación puntuada.',
      forget: '`/interview forget` borra tu historial, tus evaluaciones y tus documentos.',
      empty: 'Aún no hay entrevistas. Empieza una con `/interview behavioral` (o screening, technical, customize).',
      inProgress: 'en curso', noScore: 'sin puntuación', partial: 'parcial',
      latest: (n) => (n === 1 ? 'Última entrevista' : `Últimas ${n} entrevistas`),
      trend: 'Tendencia', oldestNewest: 'de la más antigua a la más reciente',
      average: (a, n) => `media *${a}/5* en ${n} ${n === 1 ? 'entrevista' : 'entrevistas'}`,
      best: 'mejor', change: (d) => `${d} de tus tres primeras a tus tres últimas`,
    },
  },
  pt: {
    thinSummary: (u, g) => `Dados insuficientes para avaliar: a entrevista tem poucas respostas de verdade${g ? ` (${u} aproveitáveis de ${g})` : ''}. Tente de novo e responda pelo menos duas perguntas por completo.`,
    thinImprove: 'Responda algumas perguntas com frases completas e um exemplo real, para que haja o que avaliar.',
    rulesSummary: (a, t, b, w) => `Você respondeu ${a} de ${t} perguntas.${b && w ? ` Sua melhor resposta foi sobre ${b}; a mais fraca, sobre ${w}.` : ''} As notas vêm das regras internas (quais partes cada resposta cobriu, como as explicou ou sustentou e se respondeu à pergunta), não de um modelo de linguagem.`,
    nudge: 'Sem pressa. Quer que eu repita a pergunta?',
    modes: {
      gpu: 'A voz voltou totalmente: você já pode responder em voz alta de novo.',
      'cloud-stt+edge-tts': 'O servidor de voz caiu, então passei para serviços de voz reserva. A entrevista continua; minha voz pode soar um pouco diferente.',
      'edge-tts': 'Não consigo transcrever a fala agora, então digite suas respostas neste tópico. Continuo lendo as perguntas em voz alta.',
      'text-only': 'A voz não está disponível agora, então a entrevista continua por texto: digite suas respostas neste tópico.',
    },
    sttFailed: 'Não consegui entender essa resposta (a transcrição falhou). Pode repetir ou digitá-la neste tópico?',
    ttsFailed: 'Não consigo falar agora, então vou escrever as perguntas aqui no tópico. Você pode continuar respondendo em voz alta.',
    turnFailed: 'Algo deu errado ao gravar essa resposta. Pode repetir?',
    joined: (c) => `🔊 Estou em ${c}. Responda em voz alta; vou publicar aqui o que eu ouvir. Diga "repetir", "pular" ou "encerrar" quando quiser, ou simplesmente fale por cima de mim para me interromper.`,
    left: (c) => `⏸️ Você saiu do canal de voz, então pausei a entrevista. Volte para ${c} e continuamos da mesma pergunta.`,
    connectFailed: 'Não consegui me conectar ao canal de voz, então a entrevista continua aqui por texto. Toque em Voice para tentar de novo.',
    connectionLost: 'Perdi a conexão com o canal de voz, então a entrevista continua aqui por texto. Digite suas respostas ou toque em Voice para tentar de novo.',
    notInVoice: 'Entre primeiro em um canal de voz e depois toque em Voice ou execute /interview start mode:voice de novo.',
    guildBusy: 'Já estou fazendo uma entrevista por voz neste servidor (um bot só pode estar em um canal de voz por servidor). Esta entrevista continua aqui por texto.',
    speechUnavailable: 'A voz não está disponível agora (nenhum serviço de voz está acessível), então a entrevista continua aqui por texto.',
    guildUnavailable: 'Não consigo ver este servidor agora, então a entrevista continua aqui por texto.',
    switchedToVoice: 'Mudando para voz: já entrei no seu canal de voz.',
    cannotHearVoiceMessages: 'Não consigo ouvir mensagens de voz agora (não há serviço de transcrição). Por favor, digite sua resposta.',
    docRead: (n, s, u) => `Obrigado, li ${n} (${s}). ${u ? 'As perguntas já estão em andamento, então vou usá-lo na sua próxima entrevista personalizada.' : 'Ele vai orientar a sua próxima entrevista personalizada.'}`,
    status: {
      speechLabel: 'Voz: ',
      interviewer: (p, m) => `Entrevistador: ${p} (${m})`,
      offlineUnavailable: 'Entrevistador: o entrevistador offline integrado (nenhum provedor de modelos está disponível agora)',
      offlineUnconfigured: 'Entrevistador: o entrevistador offline integrado (nenhum modelo de linguagem configurado); as notas são heurísticas.',
      speech: { gpu: 'Whisper e XTTS próprios no servidor GPU', 'cloud-stt+edge-tts': 'transcrição na nuvem com Edge TTS (servidor GPU indisponível)', 'edge-tts': 'Edge TTS para falar; as respostas são digitadas (sem transcrição disponível)', 'text-only': 'somente texto (nenhum serviço de voz disponível)' },
      textOnly: 'Voz: somente texto',
      store: (k) => `Armazenamento: ${k}`,
    },
    fileNotUsed: 'Esta entrevista já tem as suas perguntas, então o arquivo não foi usado. Para praticar com um documento, comece `/interview customize` e compartilhe-o nesse tópico.',
    home: {
      title: (i) => `Treino de entrevistas com ${i}`,
      intro: 'Digite `/interview behavioral` (ou *screening*, *technical*, *customize*, mais uma vaga como `backend engineer`) em qualquer canal, me mencione ou me envie uma mensagem direta. Cada entrevista acontece no seu próprio tópico e termina com um relatório com notas.',
      forget: '`/interview forget` apaga o seu histórico, relatórios e documentos.',
      empty: 'Nenhuma entrevista ainda. Comece uma com `/interview behavioral` (ou screening, technical, customize).',
      inProgress: 'em andamento', noScore: 'sem nota', partial: 'parcial',
      latest: (n) => (n === 1 ? 'Última entrevista' : `Últimas ${n} entrevistas`),
      trend: 'Tendência', oldestNewest: 'da mais antiga para a mais recente',
      average: (a, n) => `média *${a}/5* em ${n} ${n === 1 ? 'entrevista' : 'entrevistas'}`,
      best: 'melhor', change: (d) => `${d} das suas três primeiras para as três últimas`,
    },
  },
  fr: {
    thinSummary: (u, g) => `Pas assez pour juger : l'entretien compte trop peu de vraies réponses${g ? ` (${u} exploitables sur ${g})` : ''}. Réessayez en répondant pleinement à au moins deux questions.`,
    thinImprove: "Répondez à quelques questions par des phrases complètes avec un exemple concret, pour qu'il y ait matière à évaluer.",
    rulesSummary: (a, t, b, w) => `Vous avez répondu à ${a} questions sur ${t}.${b && w ? ` Votre meilleure réponse portait sur ${b} ; la plus faible sur ${w}.` : ''} Les notes viennent des règles intégrées (les éléments couverts par chaque réponse, la façon de les expliquer ou de les étayer, et si elle répondait à la question), pas d'un modèle de langue.`,
    nudge: 'Prenez votre temps. Voulez-vous que je répète la question ?',
    modes: {
      gpu: 'La voix est entièrement rétablie : vous pouvez de nouveau répondre à voix haute.',
      'cloud-stt+edge-tts': "Le serveur vocal est indisponible, je suis donc passé à des services vocaux de secours. L'entretien continue ; ma voix peut sembler un peu différente.",
      'edge-tts': 'Je ne peux pas transcrire la parole pour le moment, merci donc de taper vos réponses dans ce fil. Je continue de lire les questions à voix haute.',
      'text-only': "La voix n'est pas disponible pour le moment, l'entretien continue donc par écrit : tapez vos réponses dans ce fil.",
    },
    sttFailed: "Je n'ai pas pu comprendre cette réponse (la transcription a échoué). Pouvez-vous la répéter ou la taper dans ce fil ?",
    ttsFailed: 'Je ne peux pas parler pour le moment, je vais donc écrire mes questions ici dans le fil. Vous pouvez continuer à répondre à voix haute.',
    turnFailed: "Un problème est survenu pendant l'enregistrement de cette réponse. Pouvez-vous la répéter ?",
    joined: (c) => `🔊 Je suis dans ${c}. Répondez à voix haute ; je publierai ici ce que j'entends. Dites « répéter », « passer » ou « terminer » à tout moment, ou parlez simplement par-dessus moi pour m'interrompre.`,
    left: (c) => `⏸️ Vous avez quitté le salon vocal, j'ai donc mis l'entretien en pause. Revenez dans ${c} et nous reprendrons à la même question.`,
    connectFailed: "Je n'ai pas pu me connecter au salon vocal, l'entretien continue donc ici par écrit. Appuyez sur Voice pour réessayer.",
    connectionLost: "J'ai perdu la connexion au salon vocal, l'entretien continue donc ici par écrit. Tapez vos réponses, ou appuyez sur Voice pour réessayer.",
    notInVoice: "Rejoignez d'abord un salon vocal, puis appuyez sur Voice ou relancez /interview start mode:voice.",
    guildBusy: 'Je mène déjà un entretien vocal sur ce serveur (un bot ne peut être que dans un salon vocal par serveur). Cet entretien continue ici par écrit.',
    speechUnavailable: "La voix n'est pas disponible pour le moment (aucun service vocal n'est joignable), l'entretien continue donc ici par écrit.",
    guildUnavailable: "Je ne vois pas ce serveur pour le moment, l'entretien continue donc ici par écrit.",
    switchedToVoice: 'On passe à la voix : je suis dans votre salon vocal.',
    cannotHearVoiceMessages: 'Je ne peux pas écouter les messages vocaux pour le moment (aucun service de transcription). Merci de taper votre réponse.',
    docRead: (n, s, u) => `Merci, j'ai lu ${n} (${s}). ${u ? "Les questions sont déjà en cours, je l'utiliserai donc lors de votre prochain entretien personnalisé." : 'Il servira à préparer votre prochain entretien personnalisé.'}`,
    status: {
      speechLabel: 'Voix: ',
      interviewer: (p, m) => `Recruteur: ${p} (${m})`,
      offlineUnavailable: "Recruteur: le recruteur hors ligne intégré (aucun fournisseur de modèles n'est disponible pour le moment)",
      offlineUnconfigured: 'Recruteur: le recruteur hors ligne intégré (aucun modèle de langue configuré) ; les notes sont heuristiques.',
      speech: { gpu: 'Whisper et XTTS auto-hébergés sur le serveur GPU', 'cloud-stt+edge-tts': 'transcription dans le cloud avec Edge TTS (serveur GPU indisponible)', 'edge-tts': 'Edge TTS pour parler ; les réponses sont tapées (pas de transcription disponible)', 'text-only': 'texte uniquement (aucun service vocal disponible)' },
      textOnly: 'Voix: texte uniquement',
      store: (k) => `Stockage: ${k}`,
    },
    fileNotUsed: "Cet entretien a déjà ses questions, le fichier n'a donc pas été utilisé. Pour vous entraîner sur un document, lancez `/interview customize` et partagez-le dans ce fil.",
    home: {
      title: (i) => `Entraînement aux entretiens avec ${i}`,
      intro: "Tapez `/interview behavioral` (ou *screening*, *technical*, *customize*, suivi d'un poste comme `backend engineer`) dans n'importe quel canal, mentionnez-moi ou envoyez-moi un message direct. Chaque entretien a lieu dans son propre fil et se termine par un bilan noté.",
      forget: '`/interview forget` supprime votre historique, vos bilans et vos documents.',
      empty: "Aucun entretien pour l'instant. Commencez-en un avec `/interview behavioral` (ou screening, technical, customize).",
      inProgress: 'en cours', noScore: 'pas de note', partial: 'partiel',
      latest: (n) => (n === 1 ? 'Dernier entretien' : `${n} derniers entretiens`),
      trend: 'Tendance', oldestNewest: 'du plus ancien au plus récent',
      average: (a, n) => `moyenne *${a}/5* sur ${n} ${n === 1 ? 'entretien' : 'entretiens'}`,
      best: 'meilleur', change: (d) => `${d} entre vos trois premiers et vos trois derniers`,
    },
  },
  de: {
    thinSummary: (u, g) => `Zu wenig für eine Bewertung: Das Interview enthält zu wenige echte Antworten${g ? ` (${u} verwertbar von ${g})` : ''}. Versuchen Sie es noch einmal und beantworten Sie mindestens zwei Fragen vollständig.`,
    thinImprove: 'Beantworten Sie einige Fragen in ganzen Sätzen mit einem echten Beispiel, damit es etwas zu bewerten gibt.',
    rulesSummary: (a, t, b, w) => `Sie haben ${a} von ${t} Fragen beantwortet.${b && w ? ` Ihre stärkste Antwort betraf ${b}, die schwächste ${w}.` : ''} Die Bewertungen stammen aus den eingebauten Regeln (welche Teile jede Antwort abgedeckt hat, wie sie erklärt oder belegt wurden und ob die Frage beantwortet wurde), nicht von einem Sprachmodell.`,
    nudge: 'Lassen Sie sich Zeit. Soll ich die Frage wiederholen?',
    modes: {
      gpu: 'Die Sprachfunktion ist wieder vollständig da: Sie können wieder laut antworten.',
      'cloud-stt+edge-tts': 'Der Sprachserver ist ausgefallen, deshalb nutze ich Ersatzdienste für Sprache. Das Interview geht weiter; meine Stimme klingt vielleicht etwas anders.',
      'edge-tts': 'Ich kann gerade keine Sprache erkennen, bitte tippen Sie Ihre Antworten in diesen Thread. Die Fragen lese ich weiterhin vor.',
      'text-only': 'Sprache ist gerade nicht verfügbar, daher geht das Interview schriftlich weiter: Bitte tippen Sie Ihre Antworten in diesen Thread.',
    },
    sttFailed: 'Ich konnte diese Antwort nicht verstehen (die Spracherkennung ist fehlgeschlagen). Können Sie sie wiederholen oder in diesen Thread tippen?',
    ttsFailed: 'Ich kann gerade nicht sprechen, deshalb schreibe ich meine Fragen hier in den Thread. Sie können weiterhin laut antworten.',
    turnFailed: 'Beim Aufnehmen dieser Antwort ist etwas schiefgegangen. Können Sie sie wiederholen?',
    joined: (c) => `🔊 Ich bin in ${c}. Antworten Sie laut; was ich höre, poste ich hier. Sagen Sie jederzeit „wiederholen“, „überspringen“ oder „beenden“, oder sprechen Sie einfach dazwischen, um mich zu unterbrechen.`,
    left: (c) => `⏸️ Sie haben den Sprachkanal verlassen, deshalb habe ich das Interview pausiert. Kommen Sie zurück in ${c}, dann machen wir bei derselben Frage weiter.`,
    connectFailed: 'Ich konnte mich nicht mit dem Sprachkanal verbinden, deshalb geht das Interview hier schriftlich weiter. Drücken Sie auf Voice, um es noch einmal zu versuchen.',
    connectionLost: 'Die Verbindung zum Sprachkanal ist abgebrochen, deshalb geht das Interview hier schriftlich weiter. Tippen Sie Ihre Antworten oder drücken Sie auf Voice, um es noch einmal zu versuchen.',
    notInVoice: 'Treten Sie zuerst einem Sprachkanal bei und drücken Sie dann auf Voice oder führen Sie /interview start mode:voice erneut aus.',
    guildBusy: 'Ich führe auf diesem Server bereits ein Sprachinterview (ein Bot kann pro Server nur in einem Sprachkanal sein). Dieses Interview geht hier schriftlich weiter.',
    speechUnavailable: 'Sprache ist gerade nicht verfügbar (kein Sprachdienst erreichbar), deshalb geht das Interview hier schriftlich weiter.',
    guildUnavailable: 'Ich kann diesen Server gerade nicht sehen, deshalb geht das Interview hier schriftlich weiter.',
    switchedToVoice: 'Wir wechseln zu Sprache: Ich bin Ihrem Sprachkanal beigetreten.',
    cannotHearVoiceMessages: 'Ich kann Sprachnachrichten gerade nicht anhören (keine Spracherkennung verfügbar). Bitte tippen Sie Ihre Antwort.',
    docRead: (n, s, u) => `Danke, ich habe ${n} gelesen (${s}). ${u ? 'Die Fragen laufen bereits, daher nutze ich es in Ihrem nächsten individuellen Interview.' : 'Es fließt in Ihr nächstes individuelles Interview ein.'}`,
    status: {
      speechLabel: 'Sprache: ',
      interviewer: (p, m) => `Interviewer: ${p} (${m})`,
      offlineUnavailable: 'Interviewer: der eingebaute Offline-Interviewer (gerade ist kein Modellanbieter verfügbar)',
      offlineUnconfigured: 'Interviewer: der eingebaute Offline-Interviewer (kein Sprachmodell konfiguriert); die Bewertungen sind heuristisch.',
      speech: { gpu: 'selbst gehostetes Whisper und XTTS auf dem GPU-Server', 'cloud-stt+edge-tts': 'Cloud-Spracherkennung mit Edge TTS (GPU-Server nicht verfügbar)', 'edge-tts': 'Edge TTS zum Sprechen; Antworten werden getippt (keine Spracherkennung verfügbar)', 'text-only': 'nur Text (kein Sprachdienst verfügbar)' },
      textOnly: 'Sprache: nur Text',
      store: (k) => `Speicher: ${k}`,
    },
    fileNotUsed: 'Dieses Interview hat seine Fragen schon, deshalb wurde die Datei nicht verwendet. Um mit einem Dokument zu üben, starten Sie `/interview customize` und teilen Sie es in diesem Thread.',
    home: {
      title: (i) => `Interviewtraining mit ${i}`,
      intro: 'Tippen Sie `/interview behavioral` (oder *screening*, *technical*, *customize*, dazu eine Rolle wie `backend engineer`) in einen beliebigen Kanal, erwähnen Sie mich oder schreiben Sie mir direkt. Jedes Interview läuft in einem eigenen Thread und endet mit einem bewerteten Bericht.',
      forget: '`/interview forget` löscht Ihren Verlauf, Ihre Berichte und Dokumente.',
      empty: 'Noch keine Interviews. Starten Sie eines mit `/interview behavioral` (oder screening, technical, customize).',
      inProgress: 'läuft', noScore: 'keine Bewertung', partial: 'unvollständig',
      latest: (n) => (n === 1 ? 'Letztes Interview' : `Die letzten ${n} Interviews`),
      trend: 'Verlauf', oldestNewest: 'vom ältesten zum neuesten',
      average: (a, n) => `Durchschnitt *${a}/5* aus ${n} ${n === 1 ? 'Interview' : 'Interviews'}`,
      best: 'bestes', change: (d) => `${d} von Ihren ersten drei zu Ihren letzten drei`,
    },
  },
  it: {
    thinSummary: (u, g) => `Non abbastanza per giudicare: il colloquio ha troppe poche risposte vere${g ? ` (${u} utilizzabili su ${g})` : ''}. Riprova e rispondi per intero ad almeno un paio di domande.`,
    thinImprove: "Rispondi ad alcune domande con frasi complete e un esempio reale, così c'è qualcosa da valutare.",
    rulesSummary: (a, t, b, w) => `Hai risposto a ${a} domande su ${t}.${b && w ? ` La tua risposta migliore riguardava ${b}; la più debole ${w}.` : ''} I punteggi vengono dalle regole integrate (quali parti copriva ogni risposta, come le spiegava o le motivava e se rispondeva alla domanda), non da un modello linguistico.`,
    nudge: 'Prenditi il tuo tempo. Vuoi che ripeta la domanda?',
    modes: {
      gpu: 'La voce è di nuovo pienamente disponibile: puoi tornare a rispondere a voce.',
      'cloud-stt+edge-tts': 'Il server vocale non risponde, quindi sono passato a servizi vocali di riserva. Il colloquio continua; la mia voce potrebbe suonare un po\' diversa.',
      'edge-tts': 'Al momento non riesco a trascrivere il parlato, quindi scrivi le tue risposte in questo thread. Continuerò a leggere le domande ad alta voce.',
      'text-only': 'La voce non è disponibile al momento, quindi il colloquio continua per iscritto: scrivi le tue risposte in questo thread.',
    },
    sttFailed: 'Non sono riuscito a capire quella risposta (la trascrizione non è riuscita). Puoi ripeterla o scriverla in questo thread?',
    ttsFailed: 'Al momento non posso parlare, quindi scriverò le domande qui nel thread. Puoi continuare a rispondere a voce.',
    turnFailed: 'Qualcosa è andato storto durante la registrazione di quella risposta. Puoi ripeterla?',
    joined: (c) => `🔊 Sono in ${c}. Rispondi a voce; scriverò qui quello che sento. Di' "ripeti", "salta" o "termina" quando vuoi, oppure parla sopra di me per interrompermi.`,
    left: (c) => `⏸️ Sei uscito dal canale vocale, quindi ho messo in pausa il colloquio. Rientra in ${c} e riprendiamo dalla stessa domanda.`,
    connectFailed: 'Non sono riuscito a collegarmi al canale vocale, quindi il colloquio continua qui per iscritto. Premi Voice per riprovare.',
    connectionLost: 'Ho perso la connessione al canale vocale, quindi il colloquio continua qui per iscritto. Scrivi le tue risposte o premi Voice per riprovare.',
    notInVoice: 'Prima entra in un canale vocale, poi premi Voice o esegui di nuovo /interview start mode:voice.',
    guildBusy: 'Sto già conducendo un colloquio vocale in questo server (un bot può stare in un solo canale vocale per server). Questo colloquio continua qui per iscritto.',
    speechUnavailable: 'La voce non è disponibile al momento (nessun servizio vocale raggiungibile), quindi il colloquio continua qui per iscritto.',
    guildUnavailable: 'Al momento non riesco a vedere questo server, quindi il colloquio continua qui per iscritto.',
    switchedToVoice: 'Passiamo alla voce: sono entrato nel tuo canale vocale.',
    cannotHearVoiceMessages: 'Al momento non posso ascoltare i messaggi vocali (nessun servizio di trascrizione). Scrivi la tua risposta, per favore.',
    docRead: (n, s, u) => `Grazie, ho letto ${n} (${s}). ${u ? 'Le domande sono già in corso, quindi lo userò nel tuo prossimo colloquio personalizzato.' : 'Servirà a preparare il tuo prossimo colloquio personalizzato.'}`,
    status: {
      speechLabel: 'Voce: ',
      interviewer: (p, m) => `Intervistatore: ${p} (${m})`,
      offlineUnavailable: "Intervistatore: l'intervistatore offline integrato (al momento nessun fornitore di modelli è disponibile)",
      offlineUnconfigured: "Intervistatore: l'intervistatore offline integrato (nessun modello linguistico configurato); i punteggi sono euristici.",
      speech: { gpu: 'Whisper e XTTS in proprio sul server GPU', 'cloud-stt+edge-tts': 'trascrizione cloud con Edge TTS (server GPU non disponibile)', 'edge-tts': 'Edge TTS per parlare; le risposte si scrivono (trascrizione non disponibile)', 'text-only': 'solo testo (nessun servizio vocale disponibile)' },
      textOnly: 'Voce: solo testo',
      store: (k) => `Archivio: ${k}`,
    },
    fileNotUsed: 'Questo colloquio ha già le sue domande, quindi il file non è stato usato. Per esercitarti su un documento, avvia `/interview customize` e condividilo in quel thread.',
    home: {
      title: (i) => `Allenamento ai colloqui con ${i}`,
      intro: 'Scrivi `/interview behavioral` (oppure *screening*, *technical*, *customize*, più un ruolo come `backend engineer`) in qualsiasi canale, menzionami o mandami un messaggio diretto. Ogni colloquio si svolge nel suo thread e si chiude con un report con punteggio.',
      forget: '`/interview forget` cancella la tua cronologia, i tuoi report e i tuoi documenti.',
      empty: 'Ancora nessun colloquio. Iniziane uno con `/interview behavioral` (oppure screening, technical, customize).',
      inProgress: 'in corso', noScore: 'senza punteggio', partial: 'parziale',
      latest: (n) => (n === 1 ? 'Ultimo colloquio' : `Ultimi ${n} colloqui`),
      trend: 'Andamento', oldestNewest: 'dal più vecchio al più recente',
      average: (a, n) => `media *${a}/5* su ${n} ${n === 1 ? 'colloquio' : 'colloqui'}`,
      best: 'migliore', change: (d) => `${d} dai tuoi primi tre ai tuoi ultimi tre`,
    },
  },
  hi: {
    thinSummary: (u, g) => `आकलन के लिए पर्याप्त नहीं: इंटरव्यू में असली जवाब बहुत कम हैं${g ? ` (${g} में से ${u} काम के)` : ''}। फिर से कोशिश करें और कम से कम दो सवालों के पूरे जवाब दें।`,
    thinImprove: 'कुछ सवालों के जवाब पूरे वाक्यों में और किसी असली उदाहरण के साथ दें, ताकि आकलन के लिए कुछ हो।',
    rulesSummary: (a, t, b, w) => `आपने ${t} में से ${a} सवालों के जवाब दिए।${b && w ? ` आपका सबसे मज़बूत जवाब ${b} पर था; सबसे कमज़ोर ${w} पर।` : ''} अंक बिल्ट-इन नियमों से आए हैं (हर जवाब ने कौन-से हिस्से कवर किए, उन्हें कैसे समझाया या साबित किया, और क्या सवाल का जवाब दिया), किसी भाषा मॉडल से नहीं।`,
    nudge: 'आराम से सोचिए। क्या मैं सवाल दोहरा दूँ?',
    modes: {
      gpu: 'आवाज़ पूरी तरह लौट आई है: अब आप फिर से बोलकर जवाब दे सकते हैं।',
      'cloud-stt+edge-tts': 'स्पीच सर्वर बंद है, इसलिए मैंने बैकअप स्पीच सेवाएँ चालू कर दी हैं। इंटरव्यू जारी है; मेरी आवाज़ थोड़ी अलग लग सकती है।',
      'edge-tts': 'मैं अभी बोली को लिख नहीं पा रहा, इसलिए कृपया अपने जवाब इस थ्रेड में टाइप करें। मैं सवाल बोलकर पढ़ता रहूँगा।',
      'text-only': 'अभी आवाज़ उपलब्ध नहीं है, इसलिए इंटरव्यू लिखकर जारी रहेगा: कृपया अपने जवाब इस थ्रेड में टाइप करें।',
    },
    sttFailed: 'मैं वह जवाब समझ नहीं पाया (बोली को टेक्स्ट में बदलना विफल रहा)। क्या आप उसे फिर से कह सकते हैं, या इस थ्रेड में टाइप कर सकते हैं?',
    ttsFailed: 'मैं अभी बोल नहीं पा रहा, इसलिए अपने सवाल यहीं थ्रेड में लिखूँगा। आप बोलकर जवाब देते रह सकते हैं।',
    turnFailed: 'वह जवाब रिकॉर्ड करते समय कुछ गड़बड़ हो गई। क्या आप उसे फिर से कह सकते हैं?',
    joined: (c) => `🔊 मैं ${c} में हूँ। बोलकर जवाब दें; जो सुनूँगा, यहाँ लिखता रहूँगा। कभी भी "दोहराएं", "छोड़ें" या "समाप्त करें" कहें, या मुझे रोकने के लिए बस बीच में बोलें।`,
    left: (c) => `⏸️ आप वॉइस चैनल से चले गए, इसलिए मैंने इंटरव्यू रोक दिया है। ${c} में फिर से आएँ, हम उसी सवाल से आगे बढ़ेंगे।`,
    connectFailed: 'मैं वॉइस चैनल से जुड़ नहीं पाया, इसलिए इंटरव्यू यहीं लिखकर जारी रहेगा। फिर से कोशिश करने के लिए Voice दबाएँ।',
    connectionLost: 'वॉइस चैनल से मेरा कनेक्शन टूट गया, इसलिए इंटरव्यू यहीं लिखकर जारी रहेगा। अपने जवाब टाइप करें, या फिर से कोशिश करने के लिए Voice दबाएँ।',
    notInVoice: 'पहले किसी वॉइस चैनल में शामिल हों, फिर Voice दबाएँ या /interview start mode:voice दोबारा चलाएँ।',
    guildBusy: 'मैं इस सर्वर में पहले से एक वॉइस इंटरव्यू ले रहा हूँ (एक बॉट हर सर्वर में एक ही वॉइस चैनल में रह सकता है)। यह इंटरव्यू यहीं लिखकर जारी रहेगा।',
    speechUnavailable: 'अभी आवाज़ उपलब्ध नहीं है (कोई स्पीच सेवा पहुँच में नहीं है), इसलिए इंटरव्यू यहीं लिखकर जारी रहेगा।',
    guildUnavailable: 'मैं अभी यह सर्वर नहीं देख पा रहा, इसलिए इंटरव्यू यहीं लिखकर जारी रहेगा।',
    switchedToVoice: 'अब आवाज़ से: मैं आपके वॉइस चैनल में आ गया हूँ।',
    cannotHearVoiceMessages: 'मैं अभी वॉइस मैसेज नहीं सुन सकता (स्पीच-टू-टेक्स्ट सेवा उपलब्ध नहीं)। कृपया अपना जवाब टाइप करें।',
    docRead: (n, s, u) => `धन्यवाद, मैंने ${n} पढ़ लिया (${s})। ${u ? 'सवाल पहले से चल रहे हैं, इसलिए मैं इसे आपके अगले व्यक्तिगत इंटरव्यू में इस्तेमाल करूँगा।' : 'यह आपके अगले व्यक्तिगत इंटरव्यू को आकार देगा।'}`,
    status: {
      speechLabel: 'आवाज़: ',
      interviewer: (p, m) => `इंटरव्यूअर: ${p} (${m})`,
      offlineUnavailable: 'इंटरव्यूअर: बिल्ट-इन ऑफ़लाइन इंटरव्यूअर (अभी कोई मॉडल प्रदाता उपलब्ध नहीं है)',
      offlineUnconfigured: 'इंटरव्यूअर: बिल्ट-इन ऑफ़लाइन इंटरव्यूअर (कोई भाषा मॉडल कॉन्फ़िगर नहीं है); अंक अनुमान पर आधारित हैं।',
      speech: { gpu: 'GPU सर्वर पर अपना Whisper और XTTS', 'cloud-stt+edge-tts': 'Edge TTS के साथ क्लाउड स्पीच-टू-टेक्स्ट (GPU सर्वर उपलब्ध नहीं)', 'edge-tts': 'बोलने के लिए Edge TTS; जवाब टाइप किए जाते हैं (स्पीच-टू-टेक्स्ट उपलब्ध नहीं)', 'text-only': 'केवल टेक्स्ट (कोई स्पीच सेवा उपलब्ध नहीं)' },
      textOnly: 'आवाज़: केवल टेक्स्ट',
      store: (k) => `स्टोर: ${k}`,
    },
    fileNotUsed: 'इस इंटरव्यू के सवाल पहले से तय हैं, इसलिए फ़ाइल का इस्तेमाल नहीं हुआ। किसी दस्तावेज़ पर अभ्यास करने के लिए `/interview customize` शुरू करें और उसे उसी थ्रेड में शेयर करें।',
    home: {
      title: (i) => `${i} के साथ इंटरव्यू अभ्यास`,
      intro: 'किसी भी चैनल में `/interview behavioral` (या *screening*, *technical*, *customize*, साथ में कोई भूमिका जैसे `backend engineer`) लिखें, मुझे मेंशन करें, या मुझे सीधा संदेश भेजें। हर इंटरव्यू अपने थ्रेड में चलता है और अंकों वाली रिपोर्ट के साथ ख़त्म होता है।',
      forget: '`/interview forget` आपका इतिहास, रिपोर्टें और दस्तावेज़ मिटा देता है।',
      empty: 'अभी तक कोई इंटरव्यू नहीं। `/interview behavioral` (या screening, technical, customize) से एक शुरू करें।',
      inProgress: 'जारी है', noScore: 'कोई अंक नहीं', partial: 'अधूरा',
      latest: (n) => (n === 1 ? 'पिछला इंटरव्यू' : `पिछले ${n} इंटरव्यू`),
      trend: 'रुझान', oldestNewest: 'सबसे पुराने से सबसे नए तक',
      average: (a, n) => `${n} इंटरव्यू में औसत *${a}/5*`,
      best: 'सर्वश्रेष्ठ', change: (d) => `आपके पहले तीन से आख़िरी तीन तक ${d}`,
    },
  },
  ja: {
    thinSummary: (u, g) => `評価するには不十分です：面接での実質的な回答が少なすぎます${g ? `（${g}件中、評価に使えるのは${u}件）` : ''}。もう一度、少なくとも2問にしっかり答えてみてください。`,
    thinImprove: '評価できる材料があるように、いくつかの質問に具体例を挙げて文章で答えてください。',
    rulesSummary: (a, t, b, w) => `${t}問中${a}問に回答しました。${b && w ? `最も良かった回答は「${b}」、最も弱かった回答は「${w}」でした。` : ''}スコアは言語モデルではなく、組み込みのルール（各回答がどの要素に触れたか、それをどう説明・裏付けたか、質問に答えていたか）によるものです。`,
    nudge: 'ゆっくりで大丈夫です。質問をもう一度お伝えしましょうか？',
    modes: {
      gpu: '音声が完全に復旧しました。また声で回答できます。',
      'cloud-stt+edge-tts': '音声サーバーが停止しているため、予備の音声サービスに切り替えました。面接はこのまま続きます。声の聞こえ方が少し変わるかもしれません。',
      'edge-tts': '現在、音声を文字に起こせないため、回答はこのスレッドに入力してください。質問の読み上げは続けます。',
      'text-only': '現在、音声が使えないため、面接はテキストで続けます。回答はこのスレッドに入力してください。',
    },
    sttFailed: '今の回答を聞き取れませんでした（文字起こしに失敗しました）。もう一度話すか、このスレッドに入力していただけますか？',
    ttsFailed: '現在、音声で話せないため、質問はこのスレッドに書きます。回答は引き続き声でどうぞ。',
    turnFailed: '回答の録音中に問題が発生しました。もう一度話していただけますか？',
    joined: (c) => `🔊 ${c} に参加しました。声で回答してください。聞き取った内容はここに投稿します。いつでも「もう一度」「スキップ」「終了」と言えます。話し始めれば私の発言を遮ることもできます。`,
    left: (c) => `⏸️ ボイスチャンネルから退出されたため、面接を一時停止しました。${c} に戻れば、同じ質問から再開します。`,
    connectFailed: 'ボイスチャンネルに接続できなかったため、面接はここでテキストで続けます。もう一度試すには「Voice」を押してください。',
    connectionLost: 'ボイスチャンネルとの接続が切れたため、面接はここでテキストで続けます。回答を入力するか、もう一度試すには「Voice」を押してください。',
    notInVoice: '先にボイスチャンネルに参加してから、「Voice」を押すか、/interview start mode:voice をもう一度実行してください。',
    guildBusy: 'このサーバーではすでに音声面接を行っています（ボットはサーバーごとに1つのボイスチャンネルにしか参加できません）。この面接はここでテキストで続けます。',
    speechUnavailable: '現在、音声が使えません（利用できる音声サービスがありません）。面接はここでテキストで続けます。',
    guildUnavailable: '現在このサーバーを確認できないため、面接はここでテキストで続けます。',
    switchedToVoice: '音声に切り替えます。ボイスチャンネルに参加しました。',
    cannotHearVoiceMessages: '現在、ボイスメッセージを聞き取れません（音声認識サービスがありません）。回答を入力してください。',
    docRead: (n, s, u) => `ありがとうございます、${n}を読みました（${s}）。${u ? '質問はすでに進行中のため、次回のカスタマイズ面接で使います。' : '次回のカスタマイズ面接に反映します。'}`,
    status: {
      speechLabel: '音声：',
      interviewer: (p, m) => `面接官：${p} (${m})`,
      offlineUnavailable: '面接官：組み込みのオフライン面接官（現在利用できるモデルプロバイダーはありません）',
      offlineUnconfigured: '面接官：組み込みのオフライン面接官（言語モデルは未設定）。スコアはヒューリスティックです。',
      speech: { gpu: 'GPUサーバー上の自前のWhisperとXTTS', 'cloud-stt+edge-tts': 'クラウド音声認識とEdge TTS（GPUサーバーは利用不可）', 'edge-tts': '読み上げはEdge TTS、回答は入力（音声認識は利用不可）', 'text-only': 'テキストのみ（利用できる音声サービスなし）' },
      textOnly: '音声：テキストのみ',
      store: (k) => `ストア：${k}`,
    },
    fileNotUsed: 'この面接はすでに質問が決まっているため、ファイルは使いませんでした。ドキュメントをもとに練習するには、`/interview customize` を開始し、そのスレッドで共有してください。',
    home: {
      title: (i) => `${i}との面接練習`,
      intro: '任意のチャンネルで `/interview behavioral`（または *screening*、*technical*、*customize* に `backend engineer` のような職種を添えて）と入力するか、メンションするか、ダイレクトメッセージを送ってください。面接はそれぞれ専用のスレッドで行われ、最後に採点付きのレポートが届きます。',
      forget: '`/interview forget` で履歴、レポート、ドキュメントを削除できます。',
      empty: 'まだ面接はありません。`/interview behavioral`（または screening、technical、customize）で始めましょう。',
      inProgress: '進行中', noScore: 'スコアなし', partial: '途中終了',
      latest: (n) => (n === 1 ? '最新の面接' : `最新の面接 ${n}件`),
      trend: '推移', oldestNewest: '古い順 → 新しい順',
      average: (a, n) => `${n}回の平均 *${a}/5*`,
      best: '最高', change: (d) => `最初の3回から直近の3回で ${d}`,
    },
  },
  ko: {
    thinSummary: (u, g) => `판단하기에 부족함: 면접에 실질적인 답변이 너무 적습니다${g ? ` (${g}개 중 사용할 수 있는 답변 ${u}개)` : ''}. 다시 시도해서 최소 두 개 이상의 질문에 충분히 답해 주세요.`,
    thinImprove: '평가할 내용이 있도록 몇 가지 질문에 실제 사례를 들어 완전한 문장으로 답해 주세요.',
    rulesSummary: (a, t, b, w) => `질문 ${t}개 중 ${a}개에 답했습니다.${b && w ? ` 가장 좋은 답변은 ${b}, 가장 약한 답변은 ${w}에 관한 것이었습니다.` : ''} 점수는 언어 모델이 아니라 내장 규칙(각 답변이 어떤 요소를 다뤘는지, 그것을 어떻게 설명하고 뒷받침했는지, 질문에 답했는지)으로 매겼습니다.`,
    nudge: '천천히 하셔도 됩니다. 질문을 다시 말씀드릴까요?',
    modes: {
      gpu: '음성이 완전히 복구되었습니다. 다시 말로 답하셔도 됩니다.',
      'cloud-stt+edge-tts': '음성 서버가 중단되어 예비 음성 서비스로 전환했습니다. 면접은 계속됩니다. 제 목소리가 조금 다르게 들릴 수 있습니다.',
      'edge-tts': '지금은 음성을 글로 옮길 수 없어서 이 스레드에 답변을 입력해 주세요. 질문은 계속 소리 내어 읽어 드리겠습니다.',
      'text-only': '지금은 음성을 사용할 수 없어 면접을 글로 이어 갑니다. 이 스레드에 답변을 입력해 주세요.',
    },
    sttFailed: '방금 답변을 알아듣지 못했습니다(음성 인식 실패). 다시 말씀해 주시거나 이 스레드에 입력해 주시겠어요?',
    ttsFailed: '지금은 말을 할 수 없어서 질문을 이 스레드에 적겠습니다. 답변은 계속 말로 하셔도 됩니다.',
    turnFailed: '답변을 녹음하는 중에 문제가 생겼습니다. 다시 말씀해 주시겠어요?',
    joined: (c) => `🔊 ${c}에 들어왔습니다. 말로 답해 주세요. 들은 내용은 여기에 올리겠습니다. 언제든지 "다시", "건너뛰기", "종료"라고 말하거나, 제 말 중간에 말씀하셔서 끊으셔도 됩니다.`,
    left: (c) => `⏸️ 음성 채널에서 나가셔서 면접을 일시 정지했습니다. ${c}에 다시 들어오시면 같은 질문부터 이어 가겠습니다.`,
    connectFailed: '음성 채널에 연결하지 못해 면접을 여기서 글로 이어 갑니다. 다시 시도하려면 Voice를 누르세요.',
    connectionLost: '음성 채널 연결이 끊어져 면접을 여기서 글로 이어 갑니다. 답변을 입력하거나, 다시 시도하려면 Voice를 누르세요.',
    notInVoice: '먼저 음성 채널에 들어간 다음 Voice를 누르거나 /interview start mode:voice를 다시 실행하세요.',
    guildBusy: '이 서버에서 이미 음성 면접을 진행하고 있습니다(봇은 서버마다 음성 채널 하나에만 들어갈 수 있습니다). 이 면접은 여기서 글로 이어 갑니다.',
    speechUnavailable: '지금은 음성을 사용할 수 없어(연결 가능한 음성 서비스가 없음) 면접을 여기서 글로 이어 갑니다.',
    guildUnavailable: '지금은 이 서버를 확인할 수 없어 면접을 여기서 글로 이어 갑니다.',
    switchedToVoice: '음성으로 전환합니다. 음성 채널에 들어왔습니다.',
    cannotHearVoiceMessages: '지금은 음성 메시지를 들을 수 없습니다(음성 인식 서비스 없음). 답변을 입력해 주세요.',
    docRead: (n, s, u) => `감사합니다, ${n}을(를) 읽었습니다(${s}). ${u ? '질문이 이미 진행 중이라 다음 맞춤형 면접에서 사용하겠습니다.' : '다음 맞춤형 면접에 반영하겠습니다.'}`,
    status: {
      speechLabel: '음성: ',
      interviewer: (p, m) => `면접관: ${p} (${m})`,
      offlineUnavailable: '면접관: 내장 오프라인 면접관 (지금은 사용할 수 있는 모델 제공자가 없습니다)',
      offlineUnconfigured: '면접관: 내장 오프라인 면접관 (언어 모델이 설정되지 않음). 점수는 휴리스틱입니다.',
      speech: { gpu: 'GPU 서버의 자체 호스팅 Whisper와 XTTS', 'cloud-stt+edge-tts': '클라우드 음성 인식과 Edge TTS (GPU 서버 사용 불가)', 'edge-tts': '말하기는 Edge TTS, 답변은 입력 (음성 인식 사용 불가)', 'text-only': '텍스트만 (사용 가능한 음성 서비스 없음)' },
      textOnly: '음성: 텍스트만',
      store: (k) => `저장소: ${k}`,
    },
    fileNotUsed: '이 면접은 이미 질문이 정해져 있어 파일을 사용하지 않았습니다. 문서로 연습하려면 `/interview customize`를 시작하고 그 스레드에 공유해 주세요.',
    home: {
      title: (i) => `${i}와 함께하는 면접 연습`,
      intro: '아무 채널에서나 `/interview behavioral`(또는 *screening*, *technical*, *customize*에 `backend engineer` 같은 직무를 붙여서)을 입력하거나, 저를 멘션하거나, 다이렉트 메시지를 보내세요. 면접은 각각 별도의 스레드에서 진행되고 점수가 담긴 리포트로 마무리됩니다.',
      forget: '`/interview forget`으로 기록, 리포트, 문서를 삭제할 수 있습니다.',
      empty: '아직 면접 기록이 없습니다. `/interview behavioral`(또는 screening, technical, customize)로 시작해 보세요.',
      inProgress: '진행 중', noScore: '점수 없음', partial: '중단됨',
      latest: (n) => (n === 1 ? '최근 면접' : `최근 면접 ${n}개`),
      trend: '추이', oldestNewest: '오래된 순 → 최신 순',
      average: (a, n) => `면접 ${n}회 평균 *${a}/5*`,
      best: '최고', change: (d) => `처음 세 번에서 최근 세 번까지 ${d}`,
    },
  },
  zh: {
    thinSummary: (u, g) => `信息不足，无法评估：这次面试中真正的回答太少${g ? `（共 ${g} 个回答，可用的有 ${u} 个）` : ''}。请再试一次，至少完整回答两个问题。`,
    thinImprove: '请用完整的句子并结合真实的例子回答几个问题，这样才有内容可以评估。',
    rulesSummary: (a, t, b, w) => `你回答了 ${t} 个问题中的 ${a} 个。${b && w ? `你最好的回答是关于${b}的，最弱的是关于${w}的。` : ''}分数来自内置规则（每个回答涵盖了哪些要点、如何解释或佐证，以及是否回答了问题），而不是语言模型。`,
    nudge: '不着急。需要我再说一遍问题吗？',
    modes: {
      gpu: '语音已完全恢复：你可以再次用语音回答了。',
      'cloud-stt+edge-tts': '语音服务器出现故障，我已切换到备用语音服务。面试继续进行；我的声音可能会有些不同。',
      'edge-tts': '我现在无法识别语音，请在这个帖子里输入你的回答。我会继续朗读问题。',
      'text-only': '目前无法使用语音，面试将以文字继续：请在这个帖子里输入你的回答。',
    },
    sttFailed: '我没能听清这个回答（语音识别失败）。可以再说一遍，或者在这个帖子里输入吗？',
    ttsFailed: '我现在无法说话，所以会把问题写在这个帖子里。你可以继续用语音回答。',
    turnFailed: '录制这个回答时出了点问题。可以再说一遍吗？',
    joined: (c) => `🔊 我已进入 ${c}。请用语音回答，我会把听到的内容发在这里。随时可以说"重复"、"跳过"或"结束"，也可以直接开口打断我。`,
    left: (c) => `⏸️ 你离开了语音频道，所以我暂停了面试。回到 ${c} 后，我们从同一个问题继续。`,
    connectFailed: '我没能连接到语音频道，所以面试在这里以文字继续。按 Voice 可以重试。',
    connectionLost: '我与语音频道的连接断开了，所以面试在这里以文字继续。请输入你的回答，或按 Voice 重试。',
    notInVoice: '请先加入一个语音频道，然后按 Voice，或重新运行 /interview start mode:voice。',
    guildBusy: '我已经在这个服务器里进行一场语音面试了（机器人在每个服务器只能进入一个语音频道）。这场面试在这里以文字继续。',
    speechUnavailable: '目前无法使用语音（没有可连接的语音服务），所以面试在这里以文字继续。',
    guildUnavailable: '我现在看不到这个服务器，所以面试在这里以文字继续。',
    switchedToVoice: '切换到语音：我已加入你的语音频道。',
    cannotHearVoiceMessages: '我现在无法收听语音消息（没有语音识别服务）。请输入你的回答。',
    docRead: (n, s, u) => `谢谢，我已读完 ${n}（${s}）。${u ? '问题已经开始了，所以我会在你下一次定制面试中使用它。' : '它会用于你下一次的定制面试。'}`,
    status: {
      speechLabel: '语音：',
      interviewer: (p, m) => `面试官：${p} (${m})`,
      offlineUnavailable: '面试官：内置的离线面试官（目前没有可用的模型提供方）',
      offlineUnconfigured: '面试官：内置的离线面试官（未配置语言模型）；分数为启发式评分。',
      speech: { gpu: 'GPU 服务器上自托管的 Whisper 和 XTTS', 'cloud-stt+edge-tts': '云端语音识别加 Edge TTS（GPU 服务器不可用）', 'edge-tts': '用 Edge TTS 朗读；回答需要输入（没有可用的语音识别）', 'text-only': '仅文字（没有可用的语音服务）' },
      textOnly: '语音：仅文字',
      store: (k) => `存储：${k}`,
    },
    fileNotUsed: '这场面试的问题已经定好了，所以没有使用这个文件。想用文档练习的话，请开始 `/interview customize` 并在那个帖子里分享它。',
    home: {
      title: (i) => `与 ${i} 一起练习面试`,
      intro: '在任意频道输入 `/interview behavioral`（或 *screening*、*technical*、*customize*，再加上职位，例如 `backend engineer`），或者提及我、给我发私信。每场面试都在单独的帖子里进行，结束时会给出带评分的报告。',
      forget: '`/interview forget` 会删除你的历史记录、报告和文档。',
      empty: '还没有面试记录。用 `/interview behavioral`（或 screening、technical、customize）开始一场吧。',
      inProgress: '进行中', noScore: '无评分', partial: '未完成',
      latest: (n) => (n === 1 ? '最近一场面试' : `最近 ${n} 场面试`),
      trend: '趋势', oldestNewest: '从旧到新',
      average: (a, n) => `${n} 场面试平均 *${a}/5*`,
      best: '最高', change: (d) => `从前三场到最近三场 ${d}`,
    },
  },
};

/** The table for a non-English interview; undefined for English (each caller keeps its own wording). */
export function noticesFor(lang: string | undefined): NoticeSet | undefined {
  return lang && lang !== 'en' && lang in NOTICES ? NOTICES[lang as Exclude<LanguageCode, 'en'>] : undefined;
}
