import { createRoot } from 'react-dom/client';
import { Welcome } from '../../components/welcome/Welcome';
import '../../components/welcome/welcome.css';

createRoot(document.getElementById('root')!).render(<Welcome />);
