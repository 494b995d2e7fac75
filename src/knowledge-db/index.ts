/**
 * The knowledge in PostgreSQL (KNOWLEDGE_STORE=postgres): the schema, bulk import and export,
 * writes with NOTIFY, the listener that refreshes each process's cache, and the answerer that
 * runs the folder engine's pipeline over what the database's first stage finds.
 */
export { KNOWLEDGE_CHANNEL, KnowledgeDatabase, type KnowledgeFile } from './knowledge-db.js';
export { isDatabaseError, POSTGRES_KNOWLEDGE_DEFAULTS, PostgresKnowledge } from './postgres-knowledge.js';
