import { Migration20261229000000_knowledge } from './Migration20261229000000_knowledge.js';
import { Migration20261230000000_person_facts } from './Migration20261230000000_person_facts.js';
import { Migration20261231000000_visible_answer_count } from './Migration20261231000000_visible_answer_count.js';

/** Checked-in migrations, oldest first. Never edit one that has landed; add a new one. */
export const KNOWLEDGE_MIGRATIONS = [
  Migration20261229000000_knowledge,
  Migration20261230000000_person_facts,
  Migration20261231000000_visible_answer_count,
];
