import { Router } from 'express';
import type { AppContext } from '../context';

/** The public site: recent cases with a map, case pages, Atom feed and live stream. */
export function publicRoutes(_ctx: AppContext): Router {
  return Router();
}
