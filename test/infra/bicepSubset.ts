/**
 * A parser and evaluator for the small subset of Bicep that infra/main.bicep is written in, so the
 * template's structure can be tested where the Bicep CLI cannot be installed (it is a native binary
 * downloaded from GitHub; neither npm nor Debian ship it).
 *
 * The subset: `param`, `var`, `resource` (with `parent:` for children) and `output` declarations;
 * decorators; object and array literals (newline- or comma-separated); single-quoted strings with
 * `${…}` interpolation; member access, indexing and calls; `!`, `==`, `!=`, `&&`, `||`, `? :`.
 * Anything else (modules, loops, `existing`, conditions, multi-line strings, `??`, lambdas) is a parse
 * error naming the line: the template must stay inside what this file understands, so nothing in it is
 * silently skipped.
 *
 * The evaluator computes literal values (names, app settings, endpoints) from parameter values and
 * represents what only Azure knows at deployment time (`functionApp.properties.defaultHostName`,
 * `storage.listKeys()`) as `Symbolic` values that print as `<functionApp.properties.defaultHostName>`.
 */
import { createHash } from 'node:crypto';

export type Expr =
  | { kind: 'string'; parts: (string | Expr)[] }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'ident'; name: string; line: number }
  | { kind: 'member'; object: Expr; property: string }
  | { kind: 'index'; object: Expr; index: Expr }
  | { kind: 'call'; callee: Expr; args: Expr[] }
  | { kind: 'object'; entries: { key: string; value: Expr }[] }
  | { kind: 'array'; items: Expr[] }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr }
  | { kind: 'binary'; op: '==' | '!=' | '&&' | '||'; left: Expr; right: Expr }
  | { kind: 'ternary'; test: Expr; then: Expr; otherwise: Expr };

export type ObjectExpr = Extract<Expr, { kind: 'object' }>;

export interface Decorator {
  name: string;
  args: Expr[];
}

export type Declaration =
  | { kind: 'param'; name: string; type: string; default?: Expr; decorators: Decorator[]; line: number }
  | { kind: 'var'; name: string; value: Expr; decorators: Decorator[]; line: number }
  | {
      kind: 'resource';
      name: string;
      type: string;
      apiVersion: string;
      body: ObjectExpr;
      decorators: Decorator[];
      line: number;
    }
  | { kind: 'output'; name: string; type: string; value: Expr; decorators: Decorator[]; line: number };

export type ResourceDecl = Extract<Declaration, { kind: 'resource' }>;
export type ParamDecl = Extract<Declaration, { kind: 'param' }>;

export class BicepSubsetError extends Error {
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'BicepSubsetError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { type: 'ident'; value: string; line: number }
  | { type: 'number'; value: number; line: number }
  | { type: 'string'; parts: (string | Token[])[]; line: number }
  | { type: 'punct'; value: string; line: number }
  | { type: 'newline'; line: number }
  | { type: 'eof'; line: number };

const PUNCTUATION = [
  '==',
  '!=',
  '&&',
  '||',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  ':',
  '.',
  '?',
  '!',
  '=',
  '@',
  '-',
];

function tokenize(source: string, firstLine = 1): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = firstLine;
  const push = (token: Token): void => {
    // Newlines collapse: one token however many blank lines or comments there are.
    if (token.type === 'newline' && (tokens.length === 0 || tokens.at(-1)!.type === 'newline')) return;
    tokens.push(token);
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\n') {
      push({ type: 'newline', line });
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (source.startsWith('//', i)) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) throw new BicepSubsetError('unterminated comment', line);
      line += source.slice(i, end).split('\n').length - 1;
      i = end + 2;
    } else if (source.startsWith("'''", i)) {
      throw new BicepSubsetError('multi-line strings are outside the supported subset', line);
    } else if (c === "'") {
      const { token, next } = readString(source, i, line);
      tokens.push(token);
      i = next;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))![0];
      tokens.push({ type: 'ident', value: match, line });
      i += match.length;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+/.exec(source.slice(i))![0];
      tokens.push({ type: 'number', value: Number(match), line });
      i += match.length;
    } else {
      const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
      if (punct === undefined || source.startsWith('??', i) || source.startsWith('=>', i)) {
        throw new BicepSubsetError(`unsupported character(s) "${source.slice(i, i + 2)}"`, line);
      }
      tokens.push({ type: 'punct', value: punct, line });
      i += punct.length;
    }
  }
  push({ type: 'newline', line });
  tokens.push({ type: 'eof', line });
  return tokens;
}

/** A single-quoted string starting at `start`; `${…}` parts are tokenized recursively. */
function readString(source: string, start: number, line: number): { token: Token; next: number } {
  const parts: (string | Token[])[] = [];
  let text = '';
  let i = start + 1;
  const escapes: Record<string, string> = { '\\': '\\', "'": "'", n: '\n', r: '\r', t: '\t', $: '$' };
  while (true) {
    if (i >= source.length) throw new BicepSubsetError('unterminated string', line);
    const c = source[i]!;
    if (c === "'") break;
    if (c === '\n') throw new BicepSubsetError('a line break inside a string', line);
    if (c === '\\') {
      const escaped = escapes[source[i + 1] ?? ''];
      if (escaped === undefined) throw new BicepSubsetError(`unsupported escape \\${source[i + 1]}`, line);
      text += escaped;
      i += 2;
    } else if (source.startsWith('${', i)) {
      // Find the matching brace, skipping nested strings and braces.
      let depth = 1;
      let j = i + 2;
      while (depth > 0) {
        if (j >= source.length) throw new BicepSubsetError('unterminated ${', line);
        const d = source[j]!;
        if (d === "'") {
          j = readString(source, j, line).next;
          continue;
        }
        if (d === '{') depth++;
        if (d === '}') depth--;
        j++;
      }
      if (text !== '') parts.push(text);
      text = '';
      parts.push(tokenize(source.slice(i + 2, j - 1), line).filter((t) => t.type !== 'newline'));
      i = j;
    } else {
      text += c;
      i++;
    }
  }
  if (text !== '' || parts.length === 0) parts.push(text);
  return { token: { type: 'string', parts, line }, next: i + 1 };
}

// ---------------------------------------------------------------------------------------------------
// Parser

const TYPES = ['string', 'int', 'bool', 'object', 'array'];

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const token = this.peek();
    this.pos++;
    return token;
  }
  private isPunct(value: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.type === 'punct' && token.value === value;
  }
  private expectPunct(value: string): void {
    const token = this.next();
    if (token.type !== 'punct' || token.value !== value) {
      throw new BicepSubsetError(`expected "${value}", found ${describe(token)}`, token.line);
    }
  }
  private expectIdent(what: string): string {
    const token = this.next();
    if (token.type !== 'ident')
      throw new BicepSubsetError(`expected ${what}, found ${describe(token)}`, token.line);
    return token.value;
  }
  private skipNewlines(): void {
    while (this.peek().type === 'newline') this.pos++;
  }
  private endOfStatement(): void {
    const token = this.next();
    if (token.type !== 'newline' && token.type !== 'eof') {
      throw new BicepSubsetError(`expected the end of the line, found ${describe(token)}`, token.line);
    }
  }

  program(): Declaration[] {
    const declarations: Declaration[] = [];
    this.skipNewlines();
    while (this.peek().type !== 'eof') {
      const decorators: Decorator[] = [];
      while (this.isPunct('@')) {
        this.next();
        const name = this.expectIdent('a decorator name');
        this.expectPunct('(');
        decorators.push({ name, args: this.argumentsUntil(')') });
        this.endOfStatement();
        this.skipNewlines();
      }
      declarations.push(this.declaration(decorators));
      this.skipNewlines();
    }
    return declarations;
  }

  private declaration(decorators: Decorator[]): Declaration {
    const keywordToken = this.peek();
    const keyword = this.expectIdent('a declaration');
    const line = keywordToken.line;
    switch (keyword) {
      case 'param': {
        const name = this.expectIdent('a parameter name');
        const type = this.type();
        let defaultValue: Expr | undefined;
        if (this.isPunct('=')) {
          this.next();
          defaultValue = this.expression();
        }
        this.endOfStatement();
        return defaultValue === undefined
          ? { kind: 'param', name, type, decorators, line }
          : { kind: 'param', name, type, default: defaultValue, decorators, line };
      }
      case 'var': {
        const name = this.expectIdent('a variable name');
        this.expectPunct('=');
        const value = this.expression();
        this.endOfStatement();
        return { kind: 'var', name, value, decorators, line };
      }
      case 'resource': {
        const name = this.expectIdent('a resource name');
        const typeToken = this.next();
        if (
          typeToken.type !== 'string' ||
          typeToken.parts.length !== 1 ||
          typeof typeToken.parts[0] !== 'string'
        ) {
          throw new BicepSubsetError("expected a plain 'type@apiVersion' string", typeToken.line);
        }
        const [type, apiVersion, extra] = typeToken.parts[0].split('@');
        if (!type || !apiVersion || extra !== undefined) {
          throw new BicepSubsetError(`"${typeToken.parts[0]}" is not 'type@apiVersion'`, typeToken.line);
        }
        this.expectPunct('=');
        if (!this.isPunct('{')) {
          throw new BicepSubsetError(
            'only plain resource bodies are supported (no existing, if or for)',
            line,
          );
        }
        const body = this.object();
        this.endOfStatement();
        return { kind: 'resource', name, type, apiVersion, body, decorators, line };
      }
      case 'output': {
        const name = this.expectIdent('an output name');
        const type = this.type();
        this.expectPunct('=');
        const value = this.expression();
        this.endOfStatement();
        return { kind: 'output', name, type, value, decorators, line };
      }
      default:
        throw new BicepSubsetError(`"${keyword}" declarations are outside the supported subset`, line);
    }
  }

  private type(): string {
    const token = this.peek();
    const type = this.expectIdent('a type');
    if (!TYPES.includes(type)) throw new BicepSubsetError(`unsupported type "${type}"`, token.line);
    return type;
  }

  expression(): Expr {
    const test = this.binary(0);
    if (!this.isPunct('?')) return test;
    this.next();
    const then = this.expression();
    this.expectPunct(':');
    const otherwise = this.expression();
    return { kind: 'ternary', test, then, otherwise };
  }

  private static readonly PRECEDENCE: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3 };

  private binary(minPrecedence: number): Expr {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      const precedence = token.type === 'punct' ? Parser.PRECEDENCE[token.value] : undefined;
      if (precedence === undefined || precedence <= minPrecedence) return left;
      this.next();
      const right = this.binary(precedence);
      left = { kind: 'binary', op: (token as { value: '==' | '!=' | '&&' | '||' }).value, left, right };
    }
  }

  private unary(): Expr {
    if (this.isPunct('!') || this.isPunct('-')) {
      const op = (this.next() as { value: '!' | '-' }).value;
      return { kind: 'unary', op, operand: this.unary() };
    }
    return this.postfix(this.primary());
  }

  private postfix(start: Expr): Expr {
    let expr = start;
    for (;;) {
      if (this.isPunct('.')) {
        this.next();
        expr = { kind: 'member', object: expr, property: this.expectIdent('a property name') };
      } else if (this.isPunct('[')) {
        this.next();
        const index = this.expression();
        this.expectPunct(']');
        expr = { kind: 'index', object: expr, index };
      } else if (this.isPunct('(')) {
        this.next();
        expr = { kind: 'call', callee: expr, args: this.argumentsUntil(')') };
      } else {
        return expr;
      }
    }
  }

  private argumentsUntil(close: string): Expr[] {
    const args: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct(close)) {
      args.push(this.expression());
      this.skipNewlines();
      if (this.isPunct(',')) {
        this.next();
        this.skipNewlines();
      } else if (!this.isPunct(close)) {
        throw new BicepSubsetError(
          `expected "," or "${close}", found ${describe(this.peek())}`,
          this.peek().line,
        );
      }
    }
    this.next();
    return args;
  }

  private primary(): Expr {
    const token = this.peek();
    switch (token.type) {
      case 'string':
        this.next();
        return {
          kind: 'string',
          parts: token.parts.map((part) =>
            typeof part === 'string' ? part : parseExpressionTokens(part, token.line),
          ),
        };
      case 'number':
        this.next();
        return { kind: 'number', value: token.value };
      case 'ident':
        this.next();
        if (token.value === 'true' || token.value === 'false')
          return { kind: 'bool', value: token.value === 'true' };
        if (token.value === 'null') return { kind: 'null' };
        return { kind: 'ident', name: token.value, line: token.line };
      case 'punct':
        if (token.value === '{') return this.object();
        if (token.value === '[') return this.array();
        if (token.value === '(') {
          this.next();
          this.skipNewlines();
          const inner = this.expression();
          this.skipNewlines();
          this.expectPunct(')');
          return inner;
        }
        break;
      default:
        break;
    }
    throw new BicepSubsetError(`unexpected ${describe(token)}`, token.line);
  }

  private object(): ObjectExpr {
    this.expectPunct('{');
    const entries: { key: string; value: Expr }[] = [];
    this.skipNewlines();
    while (!this.isPunct('}')) {
      const keyToken = this.next();
      let key: string;
      if (keyToken.type === 'ident') key = keyToken.value;
      else if (
        keyToken.type === 'string' &&
        keyToken.parts.length === 1 &&
        typeof keyToken.parts[0] === 'string'
      ) {
        key = keyToken.parts[0];
      } else {
        throw new BicepSubsetError(`expected a property name, found ${describe(keyToken)}`, keyToken.line);
      }
      if (entries.some((entry) => entry.key === key)) {
        throw new BicepSubsetError(`property "${key}" is given twice`, keyToken.line);
      }
      this.expectPunct(':');
      entries.push({ key, value: this.expression() });
      this.separator('}');
    }
    this.next();
    return { kind: 'object', entries };
  }

  private array(): Expr {
    this.expectPunct('[');
    const items: Expr[] = [];
    this.skipNewlines();
    while (!this.isPunct(']')) {
      items.push(this.expression());
      this.separator(']');
    }
    this.next();
    return { kind: 'array', items };
  }

  /** Items of an object or array end with a newline or a comma, or right before the closing bracket. */
  private separator(close: string): void {
    if (this.isPunct(',')) this.next();
    else if (this.peek().type !== 'newline' && !this.isPunct(close)) {
      throw new BicepSubsetError(
        `expected a new line or "${close}", found ${describe(this.peek())}`,
        this.peek().line,
      );
    }
    this.skipNewlines();
  }

  atEnd(): boolean {
    return this.peek().type === 'eof' || (this.peek().type === 'newline' && this.peek(1).type === 'eof');
  }
}

function describe(token: Token): string {
  switch (token.type) {
    case 'ident':
      return `"${token.value}"`;
    case 'punct':
      return `"${token.value}"`;
    case 'number':
      return String(token.value);
    case 'string':
      return 'a string';
    case 'newline':
      return 'the end of the line';
    case 'eof':
      return 'the end of the file';
  }
}

function parseExpressionTokens(tokens: Token[], line: number): Expr {
  const parser = new Parser([...tokens, { type: 'eof', line }]);
  const expr = parser.expression();
  if (!parser.atEnd()) throw new BicepSubsetError('unexpected text after an interpolated expression', line);
  return expr;
}

/** Parses a template written in the supported subset; throws BicepSubsetError naming the line otherwise. */
export function parseBicep(source: string): Declaration[] {
  return new Parser(tokenize(source)).program();
}

// ---------------------------------------------------------------------------------------------------
// Names and references

/** Functions the template may call, with the number of arguments each takes. */
export const KNOWN_FUNCTIONS: Record<string, { min: number; max: number }> = {
  resourceGroup: { min: 0, max: 0 },
  subscription: { min: 0, max: 0 },
  environment: { min: 0, max: 0 },
  uniqueString: { min: 1, max: 8 },
  toLower: { min: 1, max: 1 },
  replace: { min: 3, max: 3 },
  take: { min: 2, max: 2 },
};

/** Decorators the template may use. */
export const KNOWN_DECORATORS = ['description', 'secure', 'minLength', 'maxLength', 'allowed'];

/**
 * Problems with names: duplicates, references to nothing (a misspelt parameter or function), calls with
 * the wrong number of arguments, unknown decorators.
 */
export function checkReferences(declarations: readonly Declaration[]): string[] {
  const problems: string[] = [];
  const names = new Map<string, Declaration>();
  for (const declaration of declarations) {
    if (declaration.kind === 'output') continue;
    if (names.has(declaration.name))
      problems.push(`line ${declaration.line}: "${declaration.name}" is declared twice`);
    names.set(declaration.name, declaration);
    for (const decorator of declaration.decorators) {
      if (!KNOWN_DECORATORS.includes(decorator.name)) {
        problems.push(`line ${declaration.line}: unknown decorator @${decorator.name}`);
      }
    }
  }
  const visit = (expr: Expr, line: number): void => {
    switch (expr.kind) {
      case 'ident':
        if (!names.has(expr.name)) problems.push(`line ${expr.line}: "${expr.name}" is not declared`);
        return;
      case 'call':
        if (expr.callee.kind === 'ident') {
          const known = KNOWN_FUNCTIONS[expr.callee.name];
          if (known === undefined)
            problems.push(`line ${expr.callee.line}: unknown function ${expr.callee.name}()`);
          else if (expr.args.length < known.min || expr.args.length > known.max) {
            problems.push(
              `line ${expr.callee.line}: ${expr.callee.name}() takes ${known.min}-${known.max} arguments`,
            );
          }
        } else {
          // A resource function such as storage.listKeys(): its object must be declared.
          visit(expr.callee, line);
        }
        for (const arg of expr.args) visit(arg, line);
        return;
      case 'member':
        visit(expr.object, line);
        return;
      case 'index':
        visit(expr.object, line);
        visit(expr.index, line);
        return;
      case 'string':
        for (const part of expr.parts) if (typeof part !== 'string') visit(part, line);
        return;
      case 'object':
        for (const entry of expr.entries) visit(entry.value, line);
        return;
      case 'array':
        for (const item of expr.items) visit(item, line);
        return;
      case 'unary':
        visit(expr.operand, line);
        return;
      case 'binary':
        visit(expr.left, line);
        visit(expr.right, line);
        return;
      case 'ternary':
        visit(expr.test, line);
        visit(expr.then, line);
        visit(expr.otherwise, line);
        return;
      case 'number':
      case 'bool':
      case 'null':
        return;
    }
  };
  for (const declaration of declarations) {
    for (const decorator of declaration.decorators)
      for (const arg of decorator.args) visit(arg, declaration.line);
    if (declaration.kind === 'param') {
      if (declaration.default) visit(declaration.default, declaration.line);
    } else if (declaration.kind === 'resource') {
      visit(declaration.body, declaration.line);
    } else {
      visit(declaration.value, declaration.line);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

/** A value Azure decides at deployment time; prints as <where it comes from>. */
export class Symbolic {
  constructor(readonly text: string) {}
  toString(): string {
    return `<${this.text}>`;
  }
}

export type Value = string | number | boolean | null | Symbolic | Value[] | { [key: string]: Value };

/** A value as text: strings as they are, symbolic values as <where from>, anything else as JSON. */
export function show(value: Value): string {
  if (typeof value === 'string') return value;
  if (value instanceof Symbolic) return value.toString();
  return JSON.stringify(value, (_key, inner: Value) =>
    inner instanceof Symbolic ? inner.toString() : inner,
  );
}

function isRecord(value: Value): value is { [key: string]: Value } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Symbolic);
}

/** Evaluates expressions of a parsed template for given parameter values. */
export class Evaluator {
  private readonly declarations = new Map<string, Declaration>();
  private readonly cache = new Map<string, Value>();

  constructor(
    declarations: readonly Declaration[],
    private readonly params: Readonly<Record<string, Value>>,
  ) {
    for (const declaration of declarations) {
      if (declaration.kind !== 'output') this.declarations.set(declaration.name, declaration);
    }
  }

  /** The value of a declared parameter, variable or (symbolic) resource. */
  value(name: string): Value {
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const declaration = this.declarations.get(name);
    if (declaration === undefined) throw new Error(`"${name}" is not declared`);
    let value: Value;
    if (declaration.kind === 'param') {
      const given = this.params[name];
      if (given !== undefined) value = given;
      else if (declaration.default) value = this.evaluate(declaration.default);
      else throw new Error(`parameter ${name} has no default and no value was given`);
    } else if (declaration.kind === 'var') {
      value = this.evaluate(declaration.value);
    } else if (declaration.kind === 'resource') {
      value = new Symbolic(name);
    } else {
      throw new Error(`outputs have no value of their own`);
    }
    this.cache.set(name, value);
    return value;
  }

  evaluate(expr: Expr): Value {
    switch (expr.kind) {
      case 'string':
        return this.interpolate(expr.parts);
      case 'number':
      case 'bool':
        return expr.value;
      case 'null':
        return null;
      case 'ident':
        return this.value(expr.name);
      case 'object':
        return Object.fromEntries(expr.entries.map((entry) => [entry.key, this.evaluate(entry.value)]));
      case 'array':
        return expr.items.map((item) => this.evaluate(item));
      case 'member':
        return this.member(expr);
      case 'index': {
        const object = this.evaluate(expr.object);
        const index = this.evaluate(expr.index);
        if (object instanceof Symbolic) return new Symbolic(`${object.text}[${show(index)}]`);
        if (Array.isArray(object) && typeof index === 'number') return object[index] ?? null;
        if (isRecord(object) && typeof index === 'string') return object[index] ?? null;
        throw new Error(`cannot index ${JSON.stringify(object)} with ${JSON.stringify(index)}`);
      }
      case 'call':
        return this.call(expr);
      case 'unary': {
        const operand = this.evaluate(expr.operand);
        if (operand instanceof Symbolic) return new Symbolic(`${expr.op}${operand.text}`);
        return expr.op === '!' ? !operand : -(operand as number);
      }
      case 'binary': {
        const left = this.evaluate(expr.left);
        const right = this.evaluate(expr.right);
        if (left instanceof Symbolic || right instanceof Symbolic) {
          return new Symbolic(`${show(left)} ${expr.op} ${show(right)}`);
        }
        if (expr.op === '==') return JSON.stringify(left) === JSON.stringify(right);
        if (expr.op === '!=') return JSON.stringify(left) !== JSON.stringify(right);
        if (expr.op === '&&') return left === true && right === true;
        return left === true || right === true;
      }
      case 'ternary': {
        const test = this.evaluate(expr.test);
        if (test instanceof Symbolic) return new Symbolic(`${test.text} ? … : …`);
        return test === true ? this.evaluate(expr.then) : this.evaluate(expr.otherwise);
      }
    }
  }

  private interpolate(parts: readonly (string | Expr)[]): string {
    return parts.map((part) => (typeof part === 'string' ? part : show(this.evaluate(part)))).join('');
  }

  private member(expr: Extract<Expr, { kind: 'member' }>): Value {
    // A resource's name is known before deployment: it is what its body says.
    if (expr.object.kind === 'ident') {
      const declaration = this.declarations.get(expr.object.name);
      if (declaration?.kind === 'resource' && expr.property === 'name') {
        const name = declaration.body.entries.find((entry) => entry.key === 'name');
        if (name) return this.evaluate(name.value);
      }
    }
    const object = this.evaluate(expr.object);
    if (object instanceof Symbolic) return new Symbolic(`${object.text}.${expr.property}`);
    if (isRecord(object)) {
      const value = object[expr.property];
      if (value === undefined) throw new Error(`no property ${expr.property} in ${JSON.stringify(object)}`);
      return value;
    }
    throw new Error(`cannot read .${expr.property} of ${JSON.stringify(object)}`);
  }

  private call(expr: Extract<Expr, { kind: 'call' }>): Value {
    if (expr.callee.kind !== 'ident') {
      // A resource function (storage.listKeys()): only Azure knows the result.
      const callee = this.evaluate(expr.callee);
      return new Symbolic(`${callee instanceof Symbolic ? callee.text : show(callee)}()`);
    }
    const args = expr.args.map((arg) => this.evaluate(arg));
    const text = (i: number): string => {
      const arg = args[i];
      if (typeof arg !== 'string')
        throw new Error(`${(expr.callee as { name: string }).name}() needs a string`);
      return arg;
    };
    switch (expr.callee.name) {
      case 'resourceGroup':
        return { id: new Symbolic('resourceGroup().id'), name: 'rg-sample', location: 'norwayeast' };
      case 'subscription':
        return {
          tenantId: new Symbolic('subscription().tenantId'),
          subscriptionId: new Symbolic('subscription().id'),
        };
      case 'environment':
        return { suffixes: { storage: 'core.windows.net' } };
      case 'uniqueString': {
        // Like Azure's: 13 lower-case characters, the same for the same inputs.
        const digest = createHash('sha256').update(args.map(show).join('|')).digest();
        const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
        return Array.from(digest.subarray(0, 13), (byte) => alphabet[byte % 32]).join('');
      }
      case 'toLower':
        return text(0).toLowerCase();
      case 'replace':
        return text(0).split(text(1)).join(text(2));
      case 'take':
        return text(0).slice(0, args[1] as number);
      default:
        throw new Error(`unknown function ${expr.callee.name}()`);
    }
  }
}

/** The value of a property path in a resource body, as an expression (undefined when absent). */
export function propertyExpr(body: ObjectExpr, ...keys: string[]): Expr | undefined {
  let current: Expr | undefined = body;
  for (const key of keys) {
    if (current?.kind !== 'object') return undefined;
    current = current.entries.find((entry) => entry.key === key)?.value;
  }
  return current;
}

/** Whether an expression is a reference to a declared symbol, optionally followed by a property path. */
export function referencesPath(expr: Expr | undefined, path: string): boolean {
  const render = (e: Expr): string | undefined => {
    if (e.kind === 'ident') return e.name;
    if (e.kind === 'member') {
      const object = render(e.object);
      return object === undefined ? undefined : `${object}.${e.property}`;
    }
    return undefined;
  };
  return expr !== undefined && render(expr) === path;
}

/** Decorator arguments by name, evaluated (for @minLength(36) → [36]). */
export function decoratorArgs(
  declaration: Declaration,
  name: string,
  evaluator: Evaluator,
): Value[] | undefined {
  const decorator = declaration.decorators.find((d) => d.name === name);
  return decorator?.args.map((arg) => evaluator.evaluate(arg));
}
