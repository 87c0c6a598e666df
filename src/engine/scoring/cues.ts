/**
 * Sentence-level cues for the parts of an answer. Written for how people really open and
 * close a story ("At a freight-tracking company...", "During my internship...", "Last
 * spring...", "We got an A and 40 classmates used it"), not for textbook STAR wording.
 */

const TIME_OR_PLACE =
  /\b(at (a|an|my|our|the|one) [\w-]+( [\w-]+)? (company|startup|firm|bank|agency|shop|store|team|job|internship|university|college|school|hospital|clinic|employer|client|hackathon|meetup)|(during|in|on|for) (my|our|a|an|the) ([\w-]+ ){0,2}(internship|placement|first job|last job|previous job|current job|previous role|last role|current role|first role|degree|thesis|course|bootcamp|project|semester|final year|second year|first year|third year|hackathon|rotation|sprint|quarter|team)|when i (joined|was|started|worked|moved)|while i was|(last|this|that|one|early last|late last) (spring|summer|autumn|fall|winter|year|month|quarter|week|semester|term|sprint|release)|in (19|20)\d\d|(a few|two|three|several|\d+) (years?|months?|weeks?) ago|back (in|when)|at my (last|previous|current|first|old) (company|job|role|team|employer|internship|workplace)|in my (last|previous|current|first|old) (company|job|role|team|position)|our ([\w-]+ )?(team|company|product|service|system|client|customer|platform|app|manager|lead)s? (\w+ed|was|were|had|kept|lost|used|wanted|kept)|i had a (project|task|deadline|teammate|manager|colleague|client|customer|part-time|job)|there was a (time|bug|problem|project|deadline|period|moment|release|launch)|we had (a|an|to|two|three)|the (situation|context|background) was|(once|one time),?|at [\w-]+,? (i|we) (was|were|worked|joined|had|ran|owned)|(in|on|for) (the|our|my) [\w-]+( [\w-]+)? (service|system|project|platform|product|codebase|pipeline|app)( at [\w-]+)?\b)\b/i;

/** A sentence that opens on its setting: "At a bookshop app, ...", "During exam season ...". */
const SCENE_OPENING = /^(at|during|in|on|when|while|after|before|for|back in|early in|late in|over the|throughout) [^,.;]{3,70},|^(during|back in|early in|late in|throughout)\b/i;

const TASK =
  /\b(my (role|job|task|responsibility|goal|part) (was|is)|i was (responsible|asked|tasked|in charge|assigned|the (only|most|one|person|engineer|lead|owner))|i (offered|volunteered|agreed) to|the goal was|we needed to|i needed to|i had to|the (challenge|problem|task|ask) was|our (goal|objective|target) was|i owned|(it|this|that) was (not|n't) (assigned|owned)|nobody (owned|was assigned|was named|wanted)|no one (owned|was assigned)|i (took|picked) (it|this|that) (on|up))\b/i;

// Any first-person past-tense verb is the candidate acting ("I profiled", "I split", "I told").
const ACTION =
  /\bi (\w{3,}ed|built|led|wrote|rewrote|ran|made|took|set|began|drove|got|gave|sent|chose|found|brought|kept|met|spoke|taught|told|sought|won|put|dug|shut|cut|spun|rolled|split|sat|held|went|did|paired|read|thought|swept|began|stepped|shipped|fixed|asked|added|moved|ran)\b|\bi (also|then|first|personally|immediately|quickly|eventually) \w{3,}(ed)?\b/i;

const RESULT =
  /\b(as a result|resulted in|the result|in the end|outcome|ended up|reduc(ed|ing)|increas(ed|ing)|improv(ed|ing)|sav(ed|ing)|grew|launched|shipped|delivered|on time|early|ahead of schedule|went (down|up) (by|from|to)|went from|(fell|rose|dropped|climbed|came) (by|from|to|back)|renewed|signed|reached|achieved|dropped|raised|won|retained|passed|successfully|fewer|faster|slower|no (data|customer|one|rollback|incident|errors?)|zero|(we|i|it|they|the team|the client|she|he) (got|won|finished|shipped|passed|hit|met|closed|agreed|approved|renewed|moved|launched|placed)|(used|adopted) it|(now|today) (takes|runs|handles|has|is|are|costs|loads)|instead of (roughly |about |around )?(\d+|one|two|three|four|five|ten|twenty|[a-z]+-[a-z]+)|after (a|two|three|six) (weeks?|months?|sprints?|years?),? (i|we|they|the)|(voted|decided|chose|agreed) to (use|adopt|keep|migrate|move|go)|\d+\s?%|percent|from \S+ to \S+)\b/i;

const REFLECTION =
  /\b(i learn(ed|t)|lesson|next time|in hindsight|looking back|i would (do|have)|i'd (do|have)|taught me|i realized|i realised|since then|now i (always|start|ask|write|make|try)|i now|what i took|what i (would|'d) do (again|differently)|differently|i took (away|from)|if i (\w+ )?(it |this |that )?(again|over)|i('d| would) (still|change|redo|rethink))\b/i;

const HYPOTHETICAL = /\b(i would|i'd|i will|i'll|i think i would|if (i|it|that|this) (were|was|happened|saw|had))\b/i;

const MOTIVATION =
  /\b(i want|i'd (like|love)|i would (like|love)|i'm looking|i am looking|i enjoy|i love|i like|i care|what i enjoy|excit|draws? me|attract|because i|interested in|motivat|matters to me|important to me|i'm keen|i am keen|appeals|i'd rather|i prefer)\b/i;

const EXAMPLE = /\b(for example|for instance|e\.g\.|such as|the classic (case|example)|like when|last time|in one case|once,|one time|say,|imagine)\b/i;

const MECHANISM =
  /\b(when (the|a|an|it|you|two|each|one|there)|if (the|a|an|it|you|two|one|there)|once|stored|increments?|decrements?|rejects?|answers|sends?|means|is when|happens when|refers to|guarantees?|ensures?|lets|allows|so (only|that|the|it|a|each|no|nothing|both|you|we)|(i'd|i would|first|then|next|after that),? (run|check|look|compare|reproduce|isolate|profile|measure|add|open|trace|bisect|log|confirm|size)|because|so that|so the|so it|so a|so each|which means|that means|otherwise|this way|in order to|as long as|until|unless|whenever|every time|each (request|key|node|entry|item|row|time|thread|word|server)|instead of|which is why|by (\w+ing)|walks|stores?|keeps|maps|looks? up|returns?|points? to|sorted|moves?|removes?|evicts?|takes one|refill|reads?|writes?|holds?|waits?|blocks?|retries|compares?|flush(es|ed)?|replay(s|ed)?|then)\b/i;

const TRADEOFF =
  /\b(trade-?offs?|at the (cost|expense) of|costs? (more|less|memory|space|time)|the downside|downsides?|upside|but (it|that|this|you|the)|more (exact|accurate|expensive|complex) but|cheaper|instead of|rather than|versus|vs\.?|on the other hand|pros and cons|it depends|depends on|whereas|alternatively|fail (open|closed)|if .{3,40} (fine|ok|okay|acceptable)|slows?|overhead|hurts?|risk)\b/i;

export const CUES = { scene: SCENE_OPENING, situation: TIME_OR_PLACE, task: TASK, action: ACTION, result: RESULT, reflection: REFLECTION, motivation: MOTIVATION, example: EXAMPLE, mechanism: MECHANISM, tradeoffs: TRADEOFF } as const;
export { HYPOTHETICAL };

/**
 * First messages that give nothing to judge but leave the door open: no example, no idea.
 * These get one lifeline (a non-work example or a hypothetical is fine) before moving on.
 */
export const NON_ANSWER =
  /^(\s*(hmm+|um+|uh+|well|honestly|sorry|so|to be honest|oh)[,.]?\s*)*(i (don'?t|do not) (have|know|recall|remember)|i (can'?t|cannot|couldn'?t) (think|recall|remember|come up)|i (haven'?t|have not|never) (had|done|been|worked|thought|used|faced|dealt)|no idea|not sure|no clue|i'?m not sure|i am not sure|nothing (comes|springs) to mind|not really|none|no,? sorry|no\.?$|nope|sure\.?$|yes\.?$|yeah\.?$|ok(ay)?\.?$|i guess\.?$|maybe\.?$|pass\b|skip\b|next\b)/i;

/** Explicit refusals: honoured at once, never re-asked (a lifeline would be pushy). */
export const REFUSAL = /\b(i'?d|i would) (rather|prefer) not\b|\b(prefer not to|rather not) (answer|say|discuss|talk)|\bcan'?t answer (that|this)\b|^(pass|skip( this( one)?)?|next question)[.!]*$/i;

/** Words of life outside work or study: a story made of these is about something else. */
export const LEISURE = new Set(
  `marathon marathons run running runner race races racing trail training jog jogging gym workout fitness cycling bike swim swimming hike hiking hiked climbing
holiday holidays vacation trip trips travel travelled traveled beach coast guesthouse guesthouses hotel flight sightseeing tour tourist boat caves mountains alps sunrise
chess puzzle puzzles rating opening game games gaming guitar band concert concerts song songs music rehearse rehearsal album piano singing
sourdough bread baking bake bakes recipe recipes cooking cook dinner lunch curry sardines pizza canteen restaurant restaurants cafe coffee food meal meals
garden gardening tomatoes chillies balcony plants strawberries flowers football soccer league match matches nephew niece kids children family wedding birthday
flat apartment moving painting neighbour neighbourhood neighborhood bakery documentary film films movie movies series tv netflix creatures squid volcanic
club clubs hobby hobbies weekend weekends partner dog cat pet pets tennis basketball yoga dance dancing fishing camping photography`.split(/\s+/),
);

/** Work and study: the setting interview questions are about (a non-work example is only welcome when offered). */
export const WORKPLACE = new Set(
  `company companies startup startups employer job jobs role roles internship intern office manager managers colleague colleagues coworker coworkers teammate teammates
client clients customer customers user users stakeholder stakeholders project projects product products service services system systems code codebase engineer engineers
engineering developer developers app apps website software tool tools deploy deployment deployed production release releases feature features bug bugs incident incidents outage sprint sprints deadline deadlines
api apis database databases server servers pipeline pipelines migration data design review reviews ticket tickets roadmap budget revenue sales contract contracts
university course courses thesis class classmates professor supervisor degree school assignment exam exams hackathon semester lecture`.split(/\s+/),
);
