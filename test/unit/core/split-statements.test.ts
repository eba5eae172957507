import { splitStatements } from '../../../src/storage/migrate';

describe('migration statement splitter', () => {
  it('splits at semicolons but not inside comments, strings or dollar-quoted bodies', () => {
    const script = [
      "-- a comment; with a semicolon and a 'quote",
      "CREATE TABLE a (x text DEFAULT 'it''s; fine');",
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$',
      'BEGIN RETURN 1; END $$;',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 2; $body$',
    ].join('\n');
    expect(splitStatements(script)).toEqual([
      "CREATE TABLE a (x text DEFAULT 'it''s; fine')",
      'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN RETURN 1; END $$',
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $body$ SELECT 2; $body$',
    ]);
  });

  it('names an unterminated body instead of running half a function', () => {
    expect(() => splitStatements('CREATE FUNCTION f() AS $$ BEGIN')).toThrow('unterminated $$ quote');
  });
});
