/**
 * Words that carry no topic on their own: English function words plus the question and
 * request words people put around a research question ("what did … say about …").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below
  between both but by can cannot could couldn did didn do does doesn doing don down during each else ever few for
  from further get gets got had hadn has hasn have haven having he her here hers herself him himself his how however
  i if in into is isn it its itself just let lets like ll may me might more most much must mustn my myself no nor not
  of off on once only or other ought our ours ourselves out over own per please re same shall shan she should
  shouldn so some such than that thats the their theirs them themselves then there theres these they this those
  through thus to too under until up upon us ve very via was wasn we were weren what whats when where whether which
  while who whom whose why will with within without won would wouldn yet you your yours yourself yourselves
  anything something tell told say says said saying know knows explain describe give show me mention mentioned
  any anyone someone thing things ok okay hi hello hey thanks thank many`
    .split(/\s+/)
    .filter(Boolean),
);
