/** wink-lemmatizer ships no types: the three functions the search uses. */
declare module 'wink-lemmatizer' {
  const lemmatizer: {
    lemmatizeVerb(word: string): string;
    lemmatizeNoun(word: string): string;
    lemmatizeAdjective(word: string): string;
  };
  export default lemmatizer;
}
