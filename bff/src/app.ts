import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { compressAnswers } from './http/compress-answers.js';
import { csrfProtection } from './http/csrf.js';
import type { AppDeps } from './deps.js';
import { AppError } from './errors/app-error.js';
import { errorHandler } from './http/error-handler.js';
import { mountRoutes } from './mount-routes.js';
import { refuseOperatorKeys } from './http/input-guard.js';
import { hostCheck } from './http/public-origin.js';
import { requestLogging } from './http/request-context.js';
import { REVALIDATE, staticFiles } from './http/static-files.js';
import { setInvoiceLinkOrigin } from './invoices/invoice-mail.js';
import { buildRoutes } from './routes.js';
import './change-follow-ups.js';

export function createApp(deps: AppDeps): express.Express {
  const { config } = deps;
  // Issuing an invoice is system work without a request: its emails' links start here.
  setInvoiceLinkOrigin(config.PUBLIC_ORIGIN);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);

  app.use(requestLogging(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Mantine and AG Grid set inline style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: config.isProduction ? [] : null,
        },
      },
      // Only where browsers reach the app over HTTPS: over plain HTTP the header is ignored at best,
      // and a development copy on localhost must not pin the name to HTTPS for a year.
      strictTransportSecurity: new URL(config.PUBLIC_ORIGIN).protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    }),
  );
  app.use(hostCheck(config));

  // API answers carry sessions' data: never kept by a browser or proxy cache (routes may say otherwise).
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', compressAnswers());
  app.use('/api', express.json({ limit: '100kb' }), csrfProtection(config));
  app.use(refuseOperatorKeys);
  app.use(mountRoutes(buildRoutes(config), deps));
  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'No such endpoint.')));

  serveWebApp(app, config.WEB_DIST, config.isProduction);
  // Whatever is left (another method than GET, a file that is not there): the JSON error shape.
  app.use((_req, _res, next) => next(new AppError('not_found', 'There is nothing at this address.')));
  app.use(errorHandler);
  return app;
}

/**
 * The built single-page app: files as they are, every other GET of a page path gets index.html.
 * A path that names a file (`/assets/…`, or one with an extension) and is not there is a 404.
 */
function serveWebApp(app: express.Express, dist: string, isProduction: boolean): void {
  const index = path.join(dist, 'index.html');
  // Production builds carry no source maps (web/vite.config.ts); should one be there, it is not served.
  if (isProduction) app.use(/.*\.map$/, (_req, _res, next) => next(new AppError('not_found', 'No such file.')));
  app.use(staticFiles(path.resolve(dist)));
  app.get(/^(?!\/api\/).*/, (req, res, next) => {
    if (req.path.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(req.path)) {
      next(new AppError('not_found', 'No such file.'));
      return;
    }
    if (!existsSync(index)) {
      next(new AppError('not_found', 'The web app is not built. Run `pnpm build` (pnpm start does it for you).'));
      return;
    }
    res.setHeader('Cache-Control', REVALIDATE);
    res.sendFile(index);
  });
}
