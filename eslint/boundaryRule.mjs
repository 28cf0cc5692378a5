// The ESLint rule that holds every source file to its folder's list in ./boundaries.mjs. Every import is
// resolved by path, whatever its depth: static and dynamic `import`, `export … from`, `require('…')` and
// `import x = require('…')`, type-only imports included (a type is a dependency too).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { files, folders } from './boundaries.mjs';

/** The repository root: the folder above this one. */
export const repositoryRoot = path.resolve(import.meta.dirname, '..');

const MODULE_EXTENSION = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

/** A path inside the repository, with forward slashes and without a module extension. */
function modulePath(relative) {
  return relative.split(path.sep).join('/').replace(MODULE_EXTENSION, '');
}

/**
 * What an import names: a path in the repository (`{ path: 'bot/innovationBot' }`; `..`-prefixed when
 * it leaves the repository), a Node built-in, or a package.
 * @param {string} specifier
 * @param {string} importingFile absolute
 * @returns {{ path: string } | { node: true } | { package: string }}
 */
export function importTarget(specifier, importingFile) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const resolved = path.resolve(path.dirname(importingFile), specifier);
    return { path: modulePath(path.relative(repositoryRoot, resolved)) };
  }
  const [first = '', second = ''] = specifier.split('/');
  if (specifier.startsWith('node:') || builtinModules.includes(specifier) || builtinModules.includes(first)) {
    return { node: true };
  }
  return { package: first.startsWith('@') ? `${first}/${second}` : first };
}

/**
 * The list a file is held to, or undefined for files outside every folder (the repository's root).
 * @param {string} importingFile absolute
 */
export function boundaryOf(importingFile) {
  const relative = path.relative(repositoryRoot, importingFile).split(path.sep).join('/');
  if (relative.startsWith('..') || !relative.includes('/')) return undefined;
  const folder = relative.slice(0, relative.indexOf('/'));
  const file = files[relative];
  if (file !== undefined) return { folder, file: relative, ownFolderAllowed: false, ...file };
  const boundary = folders[folder];
  if (boundary === undefined) return { folder, file: relative, unknown: true, imports: [], why: '' };
  return { folder, file: relative, ownFolderAllowed: true, ...boundary };
}

/**
 * The top folder of a path in the repository (`bot` for `bot/x`, and for `bot` itself, its index), or
 * undefined for a file at the root or a path outside the repository.
 */
function folderOf(targetPath) {
  if (targetPath.startsWith('..')) return undefined;
  const slash = targetPath.indexOf('/');
  if (slash > 0) return targetPath.slice(0, slash);
  return targetPath in folders ? targetPath : undefined;
}

/** Whether `imports` (a list from ./boundaries.mjs) allows `target`. */
export function allows(boundary, target) {
  const { imports } = boundary;
  if (imports.includes('*')) return true;
  if ('node' in target) return imports.includes('node:*');
  if ('package' in target) return imports.includes(target.package);
  const { path: targetPath } = target;
  const targetFolder = folderOf(targetPath);
  if (targetFolder === undefined) return false;
  if (boundary.ownFolderAllowed && targetFolder === boundary.folder) return true;
  return imports.some((entry) =>
    entry.endsWith('/')
      ? targetPath.startsWith(entry) || targetPath === entry.slice(0, -1)
      : entry.includes('/') && modulePath(entry) === targetPath,
  );
}

function describe(target) {
  if ('node' in target) return 'a Node built-in';
  if ('package' in target) return `the package ${target.package}`;
  const folder = folderOf(target.path);
  return folder === undefined ? `${target.path}, outside every folder` : `${target.path} (${folder}/)`;
}

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each folder imports only what docs/architecture.md says it may.' },
    schema: [],
    messages: {
      refused: '{{file}} may not import {{target}}. {{folder}}/ may import: {{allowed}}. {{why}}',
      unknownFolder:
        '{{folder}}/ has no boundaries: add it to eslint/boundaries.mjs and docs/architecture.md.',
    },
  },
  create(context) {
    const boundary = boundaryOf(context.filename);
    if (boundary === undefined) return {};
    if ('unknown' in boundary) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unknownFolder', data: { folder: boundary.folder } });
        },
      };
    }
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      const target = importTarget(specifier, context.filename);
      if (allows(boundary, target)) return;
      context.report({
        node,
        messageId: 'refused',
        data: {
          file: boundary.file,
          target: describe(target),
          folder: boundary.folder,
          allowed: boundary.imports.length === 0 ? 'nothing' : boundary.imports.join(', '),
          why: boundary.why,
        },
      });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' &&
        check(node.moduleReference.expression, node.moduleReference.expression.value),
      TSImportType: (node) =>
        node.argument?.type === 'TSLiteralType' && check(node.argument, node.argument.literal.value),
      CallExpression: (node) =>
        node.callee.type === 'Identifier' &&
        node.callee.name === 'require' &&
        node.arguments[0]?.type === 'Literal' &&
        check(node.arguments[0], node.arguments[0].value),
    };
  },
};

export const boundariesPlugin = { meta: { name: 'boundaries' }, rules: { imports: importsRule } };
