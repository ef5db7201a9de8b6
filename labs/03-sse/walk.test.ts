import { walkLab } from '../../web/e2e/lab-walk.ts'

walkLab('03-sse')
