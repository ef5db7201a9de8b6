import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('10-side-by-side')
