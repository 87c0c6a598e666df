/**
 * Spoken answers for the turn-taking benchmark: finished answers, and answers where the
 * candidate stops mid-sentence to think (1 to 2.5 s) and then finishes. `heard` is what a
 * Whisper-style transcriber writes for the part before the pause (Whisper marks a trailing
 * off with "..." or a comma, or leaves the words bare); the rest is heard as spoken.
 */

export const COMPLETE_ANSWERS = [
  'I led the migration of our billing service to a new database.',
  'We finished the project two weeks ahead of schedule.',
  'The hardest part was keeping both systems in sync during the cutover.',
  'I would measure first and then fix the slowest query.',
  'My manager asked me to own the on call rotation for the search team.',
  'We cut the hosting bill by about a third.',
  'I disagreed with the design and wrote a short proposal with the numbers.',
  'The team shipped the new checkout page in March.',
  'I mentored two junior engineers through their first production launch.',
  'We moved the batch jobs to a queue so that failures could be retried.',
  'I spent the first week reading the incident reports.',
  'Our latency went from two seconds to under three hundred milliseconds.',
  'I think the biggest lesson was to talk to the users earlier.',
  'Yes, I have worked with Kubernetes for about four years.',
  'I would start by asking what success looks like for the customer.',
  'We ran the old and the new system side by side for a month.',
  'The outage lasted forty minutes and nobody lost any data.',
  'I set up weekly demos so the product team could see progress.',
  'In the end the client renewed the contract for another year.',
  'I wrote the runbook that the whole team still uses today.',
];

export interface SplitAnswer {
  /** Spoken before the pause. */
  before: string;
  /** How the transcriber writes `before`. */
  heard: string;
  pauseMs: number;
  /** Spoken after the pause: the end of the answer. */
  after: string;
}

export const SPLIT_ANSWERS: SplitAnswer[] = [
  { before: 'So the main thing I changed was the', heard: 'So the main thing I changed was the', pauseMs: 1000, after: 'retry logic in the payment worker.' },
  { before: 'We had a problem with the cache and', heard: 'We had a problem with the cache and...', pauseMs: 1500, after: 'I rewrote the invalidation.' },
  { before: 'I think the reason was that we', heard: 'I think the reason was that we', pauseMs: 2000, after: 'never tested the failover path.' },
  { before: 'Um', heard: 'Um,', pauseMs: 2500, after: 'I would probably start with the logs.' },
  { before: 'There were three things I focused on. First the tests', heard: 'There were three things I focused on. First, the tests.', pauseMs: 1800, after: 'second the deploy pipeline and third the alerts.' },
  { before: 'The project was late because of', heard: 'The project was late because of', pauseMs: 1200, after: 'a vendor that missed two deadlines.' },
  { before: 'And then I', heard: 'And then I...', pauseMs: 2200, after: 'asked the team to pair on the hardest tickets.' },
  { before: 'My role was to coordinate with the', heard: 'My role was to coordinate with the', pauseMs: 1600, after: 'design team and the data team.' },
  { before: 'We chose Postgres over', heard: 'We chose Postgres over', pauseMs: 2400, after: 'MongoDB because the data was relational.' },
  { before: 'The customer was upset and', heard: 'The customer was upset and,', pauseMs: 1100, after: 'I called them the same afternoon.' },
  { before: 'Well I guess the biggest risk was', heard: 'Well, I guess the biggest risk was', pauseMs: 1900, after: 'losing orders during the migration.' },
  { before: 'I learned that you should always', heard: 'I learned that you should always', pauseMs: 1400, after: 'write down the decision and the reason.' },
  { before: 'If I did it again I would', heard: 'If I did it again, I would', pauseMs: 2100, after: 'split the work into smaller releases.' },
  { before: 'Uh so', heard: 'Uh, so...', pauseMs: 1700, after: 'we built a small prototype first.' },
  { before: 'The metric we watched most was', heard: 'The metric we watched most was', pauseMs: 2300, after: 'the error rate on checkout.' },
  { before: 'It took about three months and', heard: 'It took about three months and', pauseMs: 1300, after: 'two engineers to finish.' },
  { before: 'There are two reasons. The first is cost', heard: 'There are two reasons. The first is cost.', pauseMs: 2000, after: 'and the second is the time to hire.' },
  { before: 'I would talk to the', heard: 'I would talk to the', pauseMs: 2500, after: 'people who use the tool every day.' },
  { before: 'We used Kafka for the events and', heard: 'We used Kafka for the events and', pauseMs: 1500, after: 'ClickHouse for the reporting.' },
  { before: 'The biggest challenge for me was', heard: 'The biggest challenge for me was...', pauseMs: 1000, after: 'saying no to new requests.' },
];
