/** Why knowledge could not be read at all (as opposed to one bad file, a KnowledgeProblem). */
export enum KnowledgeErrorCode {
  FolderMissing = 'KNOWLEDGE_FOLDER_MISSING',
  FolderUnreadable = 'KNOWLEDGE_FOLDER_UNREADABLE',
}

export class KnowledgeError extends Error {
  readonly code: KnowledgeErrorCode;
  constructor(code: KnowledgeErrorCode, message: string) {
    super(message);
    this.name = 'KnowledgeError';
    this.code = code;
  }
}
