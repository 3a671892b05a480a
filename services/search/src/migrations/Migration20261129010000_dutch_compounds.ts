import { Migration } from '@mikro-orm/migrations';

/**
 * Dutch glues words together: "overdracht" must find "overdrachtsformulier", "nachtopvang" must find
 * "nachtopvanglocatie". The text search configuration `search.plein_dutch` first asks an Ispell dictionary made
 * from Debian's Dutch Hunspell files (hunspell-nl, OpenTaal), which splits compounds into their words
 * (overdrachtsformulier → overdracht, formulier) and gives known words their base form; a word it does not know
 * goes to the Dutch Snowball stemmer as before.
 *
 * The dictionary's files (plein_nl.affix, plein_nl.dict) must be in PostgreSQL's `tsearch_data` folder when this
 * runs: tools/infra.sh puts them there for ./plein up and ./plein test (deploy/postgres/README.md for other
 * installations). Without them the configuration is a plain copy of `dutch` (no compound splitting) and the
 * search service says so in its log at every start.
 */
export class Migration20261129010000_dutch_compounds extends Migration {
  override up(): void {
    this.addSql(`do $$
      begin
        begin
          create text search dictionary "search"."dutch_compounds"
            (template = ispell, dictfile = plein_nl, afffile = plein_nl, stopwords = dutch);
        exception when config_file_error or undefined_file then
          raise warning 'search: no Dutch Hunspell dictionary in tsearch_data (%): compound splitting is off', sqlerrm;
        end;
        create text search configuration "search"."plein_dutch" (copy = pg_catalog.dutch);
        if exists (select 1 from pg_ts_dict d join pg_namespace n on n.oid = d.dictnamespace
                   where n.nspname = 'search' and d.dictname = 'dutch_compounds') then
          alter text search configuration "search"."plein_dutch"
            alter mapping for asciiword, word, asciihword, hword, hword_part, hword_asciipart
            with "search"."dutch_compounds", pg_catalog.dutch_stem;
        end if;
      end $$`);
    // The stored vectors are made again with the new configuration (a rewrite of the table, once).
    this.addSql('drop index "search"."documents_tsv_idx"');
    this.addSql('alter table "search"."documents" drop column "tsv"');
    this.addSql(`alter table "search"."documents" add column "tsv" tsvector generated always as (
      setweight(to_tsvector('search.plein_dutch'::regconfig, "title"), 'A') ||
      setweight(to_tsvector('search.plein_dutch'::regconfig, "body"), 'B')) stored`);
    this.addSql('create index "documents_tsv_idx" on "search"."documents" using gin ("tsv")');
  }

  override down(): void {
    this.addSql('drop index "search"."documents_tsv_idx"');
    this.addSql('alter table "search"."documents" drop column "tsv"');
    this.addSql(`alter table "search"."documents" add column "tsv" tsvector generated always as (
      setweight(to_tsvector('dutch', "title"), 'A') || setweight(to_tsvector('dutch', "body"), 'B')) stored`);
    this.addSql('create index "documents_tsv_idx" on "search"."documents" using gin ("tsv")');
    this.addSql('drop text search configuration "search"."plein_dutch"');
    this.addSql('drop text search dictionary if exists "search"."dutch_compounds"');
  }
}
